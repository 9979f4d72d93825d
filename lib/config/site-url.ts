import { isLocalDefault } from "./env";

/**
 * Absolute URLs for links that leave the site (mail), built from configuration only, never
 * from a request's Host header: a client chooses that header, and a reset link pointing at
 * the client's own host would hand it the token.
 *
 * - AUTH_URL set: its origin. A path on AUTH_URL is Auth.js's own base path (next-auth reads
 *   it that way, for example https://shop.example/api/auth); the app itself is served from the
 *   root of that origin (next.config.ts sets no basePath), so the path is not repeated here.
 * - Otherwise, only in the local default (lib/config/env.ts: embedded database, mail to the outbox):
 *   http://localhost with the port server.ts listens on (PORT, which it sets), or 3000.
 * - Otherwise it throws: real mail must never carry a guessed address. The production
 *   start-up check (lib/config/env.ts) already refuses that configuration.
 */

type Env = Record<string, string | undefined>;

/** `npm run serve`'s port when PORT is unset. */
export const LOCAL_DEFAULT_PORT = 3000;

/** A path on this site: one leading slash. "//host" or "/\host" would be read as another host. */
const SITE_PATH = /^\/(?![/\\])/;

export function siteUrl(path: string, env: Env = process.env): string {
  if (!SITE_PATH.test(path)) throw new Error(`siteUrl needs a path starting with a single "/", not ${JSON.stringify(path)}.`);
  return `${siteOrigin(env)}${path}`;
}

/** The site's origin ("https://shop.example"), without a trailing slash. */
export function siteOrigin(env: Env = process.env): string {
  const authUrl = env.AUTH_URL?.trim();
  if (authUrl) {
    if (!URL.canParse(authUrl)) throw new Error("AUTH_URL is not a valid URL; mail links cannot be built from it.");
    const { protocol, origin } = new URL(authUrl);
    if (protocol !== "https:" && protocol !== "http:") throw new Error("AUTH_URL must be an http(s) URL.");
    return origin;
  }
  if (isLocalDefault(env)) return `http://localhost:${localPort(env)}`;
  throw new Error("Set AUTH_URL to the site's public URL (https://shop.example): mail links are built from it.");
}

function localPort(env: Env): number {
  const port = Number(env.PORT?.trim() || LOCAL_DEFAULT_PORT);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : LOCAL_DEFAULT_PORT;
}
