import { type NextRequest, NextResponse } from "next/server";
import { loginPathFor } from "./lib/auth/next-path";
import { readSessionToken } from "./lib/auth/auth.config";

/**
 * The fast, optimistic check, on the edge: a visitor without a valid session token never
 * reaches a protected page and is sent to log in first. It decrypts the token Auth.js issued
 * and never touches the database, so it is not the security boundary: every protected page,
 * action and route handler checks the session again through lib/auth/dal.ts.
 */
export default async function middleware(request: NextRequest) {
  if (await readSessionToken(request.cookies)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(loginPathFor(pathname + search), request.nextUrl));
}

export const config = {
  matcher: ["/checkout/:path*", "/account/:path*", "/admin/:path*"],
};
