/**
 * Cross-site request refusal (OWASP ASVS 5.0 3.5.1-3.5.3), checked in middleware before any
 * page, action or route runs. Edge-safe: no Node APIs.
 *
 * Browsers send Origin on every cross-origin request and on same-origin POSTs, and modern
 * ones send Sec-Fetch-Site. A request that changes something is refused when either says
 * it came from another site, including `Origin: null` (sandboxed frames, some redirects),
 * which Next.js's own server-action check lets through. A request without either header
 * comes from a script or an old browser; it carries no victim's cookie to abuse.
 *
 * One `Origin: null` is ours: a form on a page sent with `Referrer-Policy: no-referrer`
 * (the reset and confirmation pages, whose address holds a secret) posts with it, by the
 * Fetch standard. The browser then also says `Sec-Fetch-Site: same-origin`, which it never
 * says for a sandboxed frame or a request redirected from another site, so that pair passes.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const ownHost = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    if (origin === "null") return headers.get("sec-fetch-site") !== "same-origin";
    return new URL(origin).host !== ownHost;
  } catch {
    return true; // not even a URL
  }
}

/**
 * For a request isCrossSiteRequest let through with `Origin: null` (a form on a no-referrer
 * page): the origin to hand on to Next.js instead, whose own server-action check refuses
 * "null" with a 500. Undefined when the request's Origin can stay as it is.
 */
export function sameOriginReplacingNull(method: string, headers: Headers, protocol: string): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase()) || headers.get("origin") !== "null") return undefined;
  if (headers.get("sec-fetch-site") !== "same-origin") return undefined;
  const ownHost = headers.get("x-forwarded-host") ?? headers.get("host");
  return ownHost ? `${protocol}//${ownHost}` : undefined;
}

/**
 * Whether the visitor reached the site over HTTPS. Behind a TLS-terminating proxy the app
 * itself sees HTTP, so the proxy's X-Forwarded-Proto counts too. A client that fakes it only
 * gets HSTS or a Secure cookie over plain HTTP, which browsers ignore or refuse.
 */
export function isHttpsRequest(protocol: string, headers: Headers): boolean {
  return protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export const CROSS_SITE_REFUSAL = "Cross-site requests are not accepted.";
