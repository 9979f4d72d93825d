import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";

/**
 * The edge-safe half of the Auth.js configuration: no database, no bcrypt. Middleware
 * imports only this; lib/auth/auth.ts adds the Credentials provider and the adapter.
 */

/**
 * A session token expires this long after it was last (re)issued. Auth.js re-issues the token
 * on activity, so this is an idle timeout (OWASP ASVS 5.0 7.3.1), not an absolute lifetime.
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authConfig = {
  // The Credentials provider needs JWT sessions; with an adapter Auth.js would pick database ones.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  callbacks: {
    // The token carries the user id and nothing else: no email, name or role.
    jwt({ token, user }) {
      if (user?.id) return { sub: user.id };
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
  logger: {
    // A wrong password is not a server error; everything else is logged by name only,
    // never with the request, so no credential or token can end up in a log.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
    debug() {},
  },
} satisfies NextAuthConfig;
