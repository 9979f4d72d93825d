/**
 * The areas that need a logged-in user. Middleware sends anonymous visitors to log in
 * before they reach them; the pages themselves check again (lib/auth/guard/dal.ts).
 */
export const PROTECTED_PREFIXES = ["/checkout", "/account", "/admin"] as const;

export function isProtectedPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname); // "/%61ccount" is "/account" to the router too
  } catch {
    // A malformed escape is matched as it is; the router will not find such a page either.
  }
  return PROTECTED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
