import { type NextRequest, NextResponse } from "next/server";
import { readSessionToken } from "./lib/auth/nextauth/edge-config";
import { loginPathFor } from "./lib/auth/guard/next-path";
import { isProtectedPath } from "./lib/auth/guard/protected-routes";
import { UNREADABLE_ACTION, isReadableActionCall } from "./lib/http/action-request";
import { plainTextResponse } from "./lib/http/plain-text";
import { CROSS_SITE_REFUSAL, isCrossSiteRequest, isHttpsRequest, sameOriginReplacingNull } from "./lib/http/request-origin";
import {
  COMMON_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
  newNonce,
} from "./lib/http/security-headers";

/**
 * Runs on the edge for every page and API request (static files excluded by the matcher).
 *
 * 1. Cross-site requests that would change something (forms, server actions, the JSON API)
 *    are refused with 403 before anything else runs (lib/http/request-origin.ts).
 *    A server-action call whose arguments are not in a shape a browser sends gets 400
 *    (lib/http/action-request.ts) rather than Next.js's 500, and an address holding %00 gets 400.
 *    A same-origin form post from a no-referrer page arrives with `Origin: null`; it is
 *    handed on with the site's own origin, which Next.js's action check needs.
 * 2. The fast, optimistic login check: a visitor without a valid session token never
 *    reaches a protected page and is sent to log in first. It decrypts the token and never
 *    touches the database, so it is not the security boundary: every protected page, action
 *    and route handler checks the session again through lib/auth/guard/dal.ts.
 * 3. Security headers, with a fresh CSP nonce that Next.js puts on its own script tags, and
 *    no referrer at all from the pages whose address holds a one-time link's secret.
 */
export default async function middleware(request: NextRequest) {
  const https = isHttpsRequest(request.nextUrl.protocol, request.headers);
  const policy = contentSecurityPolicy(newNonce(), { https, development: process.env.NODE_ENV === "development" });
  const answer = (response: Response) => withSecurityHeaders(response, policy, https);
  const { pathname, search } = request.nextUrl;

  if (isCrossSiteRequest(request.method, request.headers)) {
    return answer(
      pathname.startsWith("/api/")
        ? NextResponse.json({ error: CROSS_SITE_REFUSAL, fields: {} }, { status: 403 })
        : plainTextResponse(CROSS_SITE_REFUSAL, 403),
    );
  }
  if (request.method === "POST" && request.headers.has("next-action") && !(await isReadableActionCall(request))) {
    return answer(plainTextResponse(UNREADABLE_ACTION, 400));
  }
  // PostgreSQL cannot store or look up NUL: an id like /account/orders/%00 would fail the query.
  if (/%00/i.test(pathname + search)) return answer(plainTextResponse(NUL_IN_ADDRESS, 400));
  if (isProtectedPath(pathname) && !(await readSessionToken(request.cookies))) {
    // 303 after a POST, so the browser fetches the login page rather than posting to it.
    const status = request.method === "GET" || request.method === "HEAD" ? 307 : 303;
    return answer(NextResponse.redirect(new URL(loginPathFor(pathname + search), request.nextUrl), status));
  }
  // Next.js reads the nonce from the request's CSP header while it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const ownOrigin = sameOriginReplacingNull(request.method, request.headers, request.nextUrl.protocol);
  if (ownOrigin) requestHeaders.set("Origin", ownOrigin);
  const response = answer(NextResponse.next({ request: { headers: requestHeaders } }));
  // These pages carry a one-time link's secret in their address: no other site may see it.
  if (SECRET_IN_ADDRESS_PAGES.has(pathname)) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

/** The pages mails link to with a token in the query string (lib/auth/links/store.ts), and the outbox with its key. */
const SECRET_IN_ADDRESS_PAGES = new Set(["/reset-password", "/verify-email", "/unlock", "/dev/outbox"]);

const NUL_IN_ADDRESS = "The address contains a NUL character (%00), which no page accepts.";

function withSecurityHeaders(response: Response, policy: string, https: boolean): Response {
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) response.headers.set(name, value);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Everything but the build's static files and the /health probe, which get their headers
  // from next.config.ts.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|illustrations/|health$).*)"],
};
