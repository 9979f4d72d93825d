import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "../db";
import { loginSchema } from "../schemas";
import { authConfig } from "./auth.config";
import { verifyCredentials } from "./credentials";

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
export const { signIn, signOut } = NextAuth({
  ...authConfig,
  adapter: PrismaAdapter(db),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return verifyCredentials(parsed.data.email, parsed.data.password);
      },
    }),
  ],
});
