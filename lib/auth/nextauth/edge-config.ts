import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import { decode } from "next-auth/jwt";
import { REMEMBERED_ABSOLUTE_LIFETIME_MS } from "../session/lifetime";

/**
 * The edge-safe half of the Auth.js configuration: no database, no bcrypt. It defines the
 * session token (lifetime, contents, cookie names) and reads it; middleware imports only
 * this module. lib/auth/nextauth/auth.ts adds the Credentials provider and the adapter.
 */

/**
 * The token's own expiry is the longest a session can last ("remember me"); the session
 * record enforces each session's real limits (lib/auth/session/lifetime.ts), and the
 * cookie's lifetime is set per login (lib/auth/nextauth/auth.ts).
 */
const TOKEN_MAX_AGE_SECONDS = REMEMBERED_ABSOLUTE_LIFETIME_MS / 1000;

declare module "next-auth" {
  interface User {
    /** The new session record's secret, handed from `authorize` to the jwt callback. */
    sessionSecret?: string;
  }
}

export const authConfig = {
  // The Credentials provider needs JWT sessions; with an adapter Auth.js would pick database ones.
  session: { strategy: "jwt", maxAge: TOKEN_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  callbacks: {
    // The token names the user and the session record, nothing else: no email, no role.
    jwt({ token, user }) {
      if (user?.id && user.sessionSecret) return { sub: user.id, sid: user.sessionSecret };
      return token;
    },
  },
  logger: {
    // A wrong password is not a server error; everything else is logged by name only,
    // never with the request, so no credential or token can end up in a log.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      // Auth.js errors carry a stable `type` (class names are minified in the build).
      const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
      console.error(`[auth] ${type}`);
    },
    warn() {},
    debug() {},
  },
} satisfies NextAuthConfig;

/**
 * Reads the session token Auth.js issued at login, without re-issuing it. Edge-safe (no
 * database), so middleware and the data-access layer share it.
 *
 * Why not Auth.js's `auth()`: it re-issues the cookie on every request it sees, and a
 * request that was already in flight when the user logged out would then bring the deleted
 * cookie back. Here the cookie is written only by login and cleared only by logout.
 */

/** Auth.js's cookie names: the `__Secure-` one whenever the site is served over HTTPS. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** What a valid token says: whose session, and the secret that finds its record. */
export type SessionToken = { userId: string; sessionSecret: string };

type CookieReader = { get(name: string): { value: string } | undefined };

/**
 * Tokens decrypted lately, by cookie name and value. Deriving the key and decrypting is the
 * larger part of reading a session (bench/RESULTS.md, session-cost), paid by middleware and
 * again by the data-access layer on every protected request; a visitor's next request skips it. A hit needs
 * the exact token, the same secret and a time before the token's own `exp`. Only tokens that
 * decrypted are kept, at most DECODED_TOKENS_KEPT of them, oldest out first. The token only
 * points at a session: whether that session still counts is asked of the database each time.
 */
const DECODED_TOKENS_KEPT = 1000;
const decodedTokens = new Map<string, { token: SessionToken; secret: string; expiresAt: number }>();

/** For tests: how many decrypted tokens are kept. */
export function decodedTokenCount(): number {
  return decodedTokens.size;
}

export async function readSessionToken(
  cookies: CookieReader,
  secret: string | undefined = process.env.AUTH_SECRET,
): Promise<SessionToken | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    const value = cookies.get(name)?.value;
    if (!value) continue;
    const kept = decodedTokens.get(`${name}\0${value}`);
    if (kept && kept.secret === secret && Date.now() < kept.expiresAt) return kept.token;
    const token = await decodeSessionToken(name, value, secret);
    if (token) return token;
  }
  return null;
}

async function decodeSessionToken(name: string, value: string, secret: string): Promise<SessionToken | null> {
  try {
    // Decrypts with the key Auth.js derives for this cookie name and checks `exp`.
    const payload = await decode({ token: value, secret, salt: name });
    const { sub, sid, exp } = payload ?? {};
    if (!(typeof sub === "string" && sub && typeof sid === "string" && sid)) return null;
    const token = { userId: sub, sessionSecret: sid };
    if (typeof exp === "number") {
      if (decodedTokens.size >= DECODED_TOKENS_KEPT) decodedTokens.delete(decodedTokens.keys().next().value!);
      decodedTokens.set(`${name}\0${value}`, { token, secret, expiresAt: exp * 1000 });
    }
    return token;
  } catch {
    // Forged, corrupted, expired or encrypted with another secret: not a session.
    return null;
  }
}
