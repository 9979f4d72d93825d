/**
 * The `next` parameter says where to go after logging in. It is attacker-controlled
 * (anyone can send a link to /login?next=...), so only a path on this site is ever
 * honoured; anything else, malformed input included, falls back to the default.
 * Middleware, the login and register pages and the auth actions all use this one function.
 */
export const DEFAULT_NEXT_PATH = "/cookies";

const MAX_NEXT_LENGTH = 2048;
/** How many layers of percent-encoding we look through before giving up. */
const MAX_DECODE_ROUNDS = 4;
const SAFE_BASE = "http://cookieshop.invalid";

// C0 and C1 control characters, DEL, and Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A path is acceptable when it starts with exactly one "/" and cannot be read as another origin. */
function isLocalPath(value: string): boolean {
  return (
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.includes("\\") &&
    !CONTROL_CHARACTERS.test(value)
  );
}

export function sanitizeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_NEXT_LENGTH) {
    return DEFAULT_NEXT_PATH;
  }

  // Every decoded layer must be safe too: "/%2F%2Fevil.example" decodes to "//evil.example",
  // and a later redirect or a browser may decode it.
  let layer = value;
  for (let round = 0; ; round++) {
    if (!isLocalPath(layer)) return DEFAULT_NEXT_PATH;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return DEFAULT_NEXT_PATH; // malformed escapes such as "%E0%A4%A"
    }
    if (decoded === layer) break;
    if (round === MAX_DECODE_ROUNDS) return DEFAULT_NEXT_PATH;
    layer = decoded;
  }

  // Belt and braces: resolve it the way a browser would and insist it stays on our origin.
  const resolved = new URL(value, SAFE_BASE);
  if (resolved.origin !== SAFE_BASE) return DEFAULT_NEXT_PATH;
  return value;
}

/** The login or register page, carrying where to go afterwards in `next`. */
export function pathWithNext(page: "/login" | "/register", next: string): string {
  return `${page}?next=${encodeURIComponent(sanitizeNextPath(next))}`;
}

/** The login URL that brings the visitor back to `path` afterwards. */
export function loginPathFor(path: string): string {
  return pathWithNext("/login", path);
}
