import { hasControlCharacter } from "../../text/control-characters";

/**
 * The `next` parameter says where to go after logging in. It is attacker-controlled
 * (anyone can send a link to /login?next=...), so only a path on this site is ever
 * honoured; anything else, malformed input included, falls back to the default.
 * Middleware, the login and register pages and the auth actions all use this one function.
 *
 * What gets honoured is what a browser or the Next.js router will actually navigate to:
 * the value resolved as a URL. "/a/..//evil.example" resolves to the path "//evil.example",
 * which the client router (JavaScript on) reads as another host, so the checks apply to the
 * resolved form and only that form is handed on, never the raw input.
 */
export const DEFAULT_NEXT_PATH = "/cookies";

const MAX_NEXT_LENGTH = 2048;
/** How many layers of percent-encoding we look through before giving up. */
const MAX_DECODE_ROUNDS = 4;
const SAFE_BASE = "http://cookieshop.invalid";

/** A path is acceptable when it starts with exactly one "/" and cannot be read as another origin. */
function isLocalPath(value: string): boolean {
  return (
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.includes("\\") &&
    !hasControlCharacter(value)
  );
}

/** The path, query and fragment a browser navigates to for `value`, or null if it leaves SAFE_BASE. */
function resolvePath(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, SAFE_BASE);
  } catch {
    return null;
  }
  return url.origin === SAFE_BASE ? url.pathname + url.search + url.hash : null;
}

/**
 * `value` and every percent-decoded layer of it are local paths, and stay local once their
 * dot segments collapse: "/x/%252e%252e//evil.example" is refused because a layer that
 * decodes it once would resolve to "//evil.example".
 */
function isLocalAtEveryLayer(value: string): boolean {
  let layer = value;
  for (let round = 0; ; round++) {
    if (!isLocalPath(layer)) return false;
    const resolved = resolvePath(layer);
    if (resolved === null || !isLocalPath(resolved)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return false; // malformed escapes such as "%E0%A4%A"
    }
    if (decoded === layer) return true;
    if (round === MAX_DECODE_ROUNDS) return false;
    layer = decoded;
  }
}

/**
 * The resolved same-site path for `value` (pathname + search + hash), or DEFAULT_NEXT_PATH.
 * Idempotent: the result is its own resolved form and passes the same checks.
 */
export function sanitizeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_NEXT_LENGTH || !isLocalAtEveryLayer(value)) {
    return DEFAULT_NEXT_PATH;
  }
  const resolved = resolvePath(value);
  // The result must pass the same checks itself (resolving can lengthen it by percent-encoding)
  // and resolve to itself, so that sanitizing it again, or navigating to it, changes nothing.
  if (
    resolved === null ||
    resolved.length > MAX_NEXT_LENGTH ||
    !isLocalAtEveryLayer(resolved) ||
    resolvePath(resolved) !== resolved
  ) {
    return DEFAULT_NEXT_PATH;
  }
  return resolved;
}

/** The login or register page, carrying where to go afterwards in `next`. */
export function pathWithNext(page: "/login" | "/register", next: string): string {
  return `${page}?next=${encodeURIComponent(sanitizeNextPath(next))}`;
}

/** The login URL that brings the visitor back to `path` afterwards. */
export function loginPathFor(path: string): string {
  return pathWithNext("/login", path);
}
