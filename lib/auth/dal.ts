import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type PublicUser, findActiveUser } from "./credentials";
import { loginPathFor, sanitizeNextPath } from "./next-path";
import { readSessionToken } from "./auth.config";

/**
 * The data-access layer's view of who is asking. Middleware only makes an optimistic
 * check and can be bypassed, so every protected page, action and route handler asks here.
 * Wrapped in React's cache() so one request reads the session once.
 */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const token = await readSessionToken(await cookies());
  if (!token) return null;
  // The token alone is not enough: the account must still exist and be active.
  return findActiveUser(token.userId);
});

/** The signed-in user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPathFor(returnTo));
  return user;
}

/** For the login and register pages: a signed-in visitor goes straight on to `next`. */
export async function requireAnonymous(next: unknown): Promise<void> {
  if (await getCurrentUser()) redirect(sanitizeNextPath(next));
}
