import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { db } from "../../db/client";
import { SESSION_COOKIE_NAMES, authConfig, readSessionToken } from "./edge-config";
import type { Client } from "../audit/trail";
import { REMEMBERED_ABSOLUTE_LIFETIME_MS } from "../session/lifetime";
import { createSession, revokeSessionBySecret } from "../session/rows";
import type { PublicUser } from "../account/public-user";
import { randomToken } from "../../crypto/tokens";

/**
 * The Node-side Auth.js instance: the edge-safe config plus the Credentials provider and
 * the Prisma adapter (which keeps User/Account in Auth.js's shape for future providers).
 * It issues the session cookie at login and clears it at logout; reading it is
 * readSessionToken's job (auth.config.ts), checking it is the data-access layer's.
 *
 * No /api/auth route handler is mounted: the only way in is through lib/flows/doors.ts
 * (the forms and the JSON API), which validates input, throttles and records. Auth.js's
 * built-in endpoints would be a second, unguarded login door.
 */

/**
 * Logins granted in this process a moment ago, by one-use id. lib/flows/doors.ts checks the
 * password (with throttling and the audit trail) before Auth.js is involved; `authorize`
 * only redeems the grant and starts the session record. A grant never leaves the process:
 * it travels from startSessionFor to `authorize` inside one signIn call and is deleted
 * after it, so the Credentials provider cannot be used to log in any other way.
 */
type Grant = { user: PublicUser; remember: boolean; client: Client };
const grants = new Map<string, Grant>();

const { signIn, signOut } = NextAuth({
  ...authConfig,
  adapter: PrismaAdapter(db),
  providers: [
    Credentials({
      credentials: { grant: {} },
      // Every login starts a new session record (no fixation); the token will carry its
      // secret (see the jwt callback in auth.config.ts).
      async authorize(credentials) {
        const grant = typeof credentials.grant === "string" ? grants.get(credentials.grant) : undefined;
        if (!grant) return null;
        const { user, remember, client } = grant;
        const sessionSecret = await createSession(user.id, { remember, userAgent: client.userAgent, ip: client.ip });
        return { id: user.id, email: user.email, sessionSecret };
      },
    }),
  ],
});

type CookieJar = Awaited<ReturnType<typeof cookies>>;

/**
 * Auth.js gives every session cookie an expiry. "Remember me" keeps that (as long as the
 * longest session may last); without it the cookie becomes a browser-session cookie, gone
 * when the browser closes. Only the cookie this login wrote is touched.
 */
function setCookieLifetime(jar: CookieJar, valuesBefore: Map<string, string | undefined>, remember: boolean) {
  let written = false;
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (!value || value === valuesBefore.get(name)) continue;
    jar.set(name, value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      ...(remember ? { maxAge: REMEMBERED_ABSOLUTE_LIFETIME_MS / 1000 } : {}),
    });
    written = true;
  }
  if (!written) throw new Error("Auth.js reported a login but wrote no session cookie.");
}

/**
 * Sets the session cookie for a user whose credentials the caller has just checked (a
 * login or a new registration), and revokes whatever session the browser brought along.
 */
export async function startSessionFor(user: PublicUser, remember: boolean, client: Client): Promise<void> {
  const jar = await cookies();
  const valuesBefore = new Map(SESSION_COOKIE_NAMES.map((name) => [name, jar.get(name)?.value]));
  const previous = await readSessionToken(jar);
  const grantId = randomToken(32);
  grants.set(grantId, { user, remember, client });
  try {
    await signIn("credentials", { grant: grantId, redirect: false });
  } finally {
    grants.delete(grantId);
  }
  if (previous) await revokeSessionBySecret(previous.sessionSecret);
  setCookieLifetime(jar, valuesBefore, remember);
}

/**
 * Deletes the session record, so a copy of the cookie is worthless, then clears the cookie.
 * Returns whose session it was, when the cookie named one that was still live.
 */
export async function endSession(): Promise<{ userId: string } | null> {
  const token = await readSessionToken(await cookies());
  const revoked = token ? await revokeSessionBySecret(token.sessionSecret) : false;
  await signOut({ redirect: false });
  return token && revoked ? { userId: token.userId } : null;
}
