import "server-only";
import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "../db";
import { loginSchema } from "../schemas";
import { authConfig } from "./auth.config";
import { type PublicUser, verifyCredentials } from "./credentials";

/**
 * The Node-side Auth.js instance: the edge-safe config plus the Credentials provider and
 * the Prisma adapter (which keeps User/Account in Auth.js's shape for future providers).
 * It issues the session cookie at login and clears it at logout; reading it is
 * readSessionToken's job (auth.config.ts).
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

const { signIn, signOut } = NextAuth({
  ...authConfig,
  adapter: PrismaAdapter(db),
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, ticket: {} },
      async authorize(credentials) {
        const ticket = credentials.ticket;
        if (typeof ticket === "string") return newAccountTickets.get(ticket) ?? null;
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return verifyCredentials(parsed.data.email, parsed.data.password);
      },
    }),
  ],
});

async function startSession(credentials: Record<string, string>): Promise<boolean> {
  try {
    await signIn("credentials", { ...credentials, redirect: false });
    return true;
  } catch (error) {
    // Anything else (a misconfiguration, the database) is a real error, not a wrong password.
    if (error instanceof CredentialsSignin) return false;
    throw error;
  }
}

/** Sets the session cookie when the email and password match; false when they do not. */
export function startSessionWithPassword(email: string, password: string): Promise<boolean> {
  return startSession({ email, password });
}

/** Sets the session cookie for an account registerUser has just created. */
export async function startSessionForNewAccount(user: PublicUser): Promise<void> {
  const ticket = randomBytes(32).toString("base64url");
  newAccountTickets.set(ticket, user);
  try {
    if (!(await startSession({ ticket }))) throw new Error("Auth.js refused a new-account ticket.");
  } finally {
    newAccountTickets.delete(ticket);
  }
}

export async function endSession(): Promise<void> {
  await signOut({ redirect: false });
}
