/**
 * Response hardening (OWASP ASVS 5.0 V3.4): the headers every response carries. Edge-safe;
 * middleware.ts sets them on pages and API responses, next.config.ts on static files.
 */

/** A fresh, unguessable nonce per response: 128 bits from the platform's CSPRNG. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only when the server issued them in this response (the nonce Next.js puts on
 * its own script tags); 'strict-dynamic' lets those load the chunks they need. An injected
 * inline script or event handler has no nonce and does not run.
 */
export function contentSecurityPolicy(nonce: string, options: { https: boolean; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates strings for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** For responses that are never HTML (static files): nothing may run or embed them. */
export const STATIC_FILE_CSP = "default-src 'none'; frame-ancestors 'none'";

export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // For browsers that predate frame-ancestors.
  "X-Frame-Options": "DENY",
};

/**
 * Sent only over HTTPS (browsers ignore it over plain HTTP anyway, RFC 6797 8.1). Two
 * years; subdomains are left out because this app cannot know what else runs on the domain.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";
