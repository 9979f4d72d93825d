import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./lib/auth/auth.config";
import { loginPathFor } from "./lib/auth/next-path";

/**
 * The fast, optimistic check, on the edge: a visitor without a session token never reaches
 * a protected page and is sent to log in first. It reads only the token, never the
 * database, so it is not the security boundary: every protected page, action and route
 * handler checks the session again through lib/auth/dal.ts.
 */
const { auth } = NextAuth(authConfig);

export default auth((request) => {
  if (request.auth?.user?.id) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(loginPathFor(pathname + search), request.nextUrl));
});

export const config = {
  matcher: ["/checkout/:path*", "/account/:path*", "/admin/:path*"],
};
