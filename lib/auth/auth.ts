import "server-only";
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { db } from "../db";
import { loginSchema } from "../schemas";
import { SESSION_COOKIE_NAMES, authConfig, readSessionToken } from "./auth.config";
import { verifyCredentials } from "./credentials";
import { reportedClientAddress } from "./device";
import { REMEMBERED_ABSOLUTE_LIFETIME_MS } from "./session-lifetime";
import { createSession, revokeSessionBySecret } from "./sessions";
import type { PublicUser } from "./users";

/**
 * The Node-side Auth.js instance: the edge-safe config plus the Credentials provider and
 * the Prisma adapter (which keeps User/Account in Auth.js's shape for future providers).
 * It issues the session cookie at login and clears it at logout; reading it is
 * readSessionToken's job (auth.config.ts), checking it is the data-access layer's.
 *
 * No /api/auth route handler is mounted: the only way in is through our own server
 * actions, which validate input and will carry rate limits. Auth.js's built-in
 * endpoints would be a second, unguarded login door.
 */

/**
 * Accounts registered in this process a moment ago, by one-use ticket. Registration has
 * just hashed the password; comparing it again only to start the session would cost a
 * second bcrypt run. A ticket never leaves the process: it travels from
 * startSessionForNewAccount to `authorize` inside one signIn call and is deleted after it.
 */
const newAccountTickets = new Map<string, PublicUser>();

async function userFor(credentials: Partial<Record<string, unknown>>): Promise<PublicUser | null> {
  const ticket = credentials.ticket;
  if (typeof ticket === "string") return newAccountTickets.get(ticket) ?? null;
  const parsed = loginSchema.safeParse({ email: credentials.email, password: credentials.password });
  if (!parsed.success) return null;
  return verifyCredentials(parsed.data.email, parsed.data.password);
}

const { signIn, signOut } = NextAuth({
  ...authConfig,
  adapter: PrismaAdapter(db),
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, remember: {}, ticket: {} },
      // Every successful login starts a new session record (no fixation); the token will
      // carry its secret (see the jwt callback in auth.config.ts).
      async authorize(credentials, request) {
        const user = await userFor(credentials);
        if (!user) return null;
        const sessionSecret = await createSession(user.id, {
          remember: credentials.remember === "true",
          userAgent: request.headers.get("user-agent"),
          ip: reportedClientAddress(request.headers),
        });
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

async function startSession(credentials: Record<string, string>, remember: boolean): Promise<boolean> {
  const jar = await cookies();
  const valuesBefore = new Map(SESSION_COOKIE_NAMES.map((name) => [name, jar.get(name)?.value]));
  const previous = await readSessionToken(jar);
  try {
    await signIn("credentials", { ...credentials, remember: String(remember), redirect: false });
  } catch (error) {
    // Anything else (a misconfiguration, the database) is a real error, not a wrong password.
    if (error instanceof CredentialsSignin) return false;
    throw error;
  }
  // Whatever session the browser brought along grants nothing any more.
  if (previous) await revokeSessionBySecret(previous.sessionSecret);
  setCookieLifetime(jar, valuesBefore, remember);
  return true;
}

/** Sets the session cookie when the email and password match; false when they do not. */
export function startSessionWithPassword(email: string, password: string, remember: boolean): Promise<boolean> {
  return startSession({ email, password }, remember);
}

/** Sets the session cookie for an account registerUser has just created. */
export async function startSessionForNewAccount(user: PublicUser): Promise<void> {
  const ticket = randomBytes(32).toString("base64url");
  newAccountTickets.set(ticket, user);
  try {
    if (!(await startSession({ ticket }, false))) throw new Error("Auth.js refused a new-account ticket.");
  } finally {
    newAccountTickets.delete(ticket);
  }
}

/** Deletes the session record, so a copy of the cookie is worthless, then clears the cookie. */
export async function endSession(): Promise<void> {
  const token = await readSessionToken(await cookies());
  if (token) await revokeSessionBySecret(token.sessionSecret);
  await signOut({ redirect: false });
}
