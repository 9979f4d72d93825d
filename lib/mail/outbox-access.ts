import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { OWN_SERVER_MARKER, clientAddress, clientIpHeaderSetting, isLoopbackAddress } from "../http/client-ip";
import { isLocalDefault } from "../config/env";
import { randomToken } from "../crypto/tokens";

/**
 * Who may read the local outbox (/dev/outbox). Pure, so the rule is unit-tested.
 *
 * The outbox holds every account's password reset and confirmation links. A reverse proxy on
 * the same machine makes every visitor's connection a loopback one, so a loopback address
 * alone proves nothing. The page opens only when all of these hold:
 *
 * - the local default (lib/config/env.ts, `isLocalDefault`), the only configuration with an outbox;
 * - `npm run serve` (server.ts) in socket mode, the only way the app sees the connection's
 *   own address and the headers the client really sent;
 * - that connection is from this machine and carried no forwarding header (a proxy's mark);
 * - the address holds this process's outbox key, which server.ts prints at start-up and
 *   nothing else ever shows (a proxy that adds no header still cannot guess it).
 *
 * Anything else gets a 404, which also says nothing about whether the page exists.
 */

type Env = Record<string, string | undefined>;

export const OUTBOX_PATH = "/dev/outbox";

/** 256 bits from the CSPRNG, like a one-time link's secret. */
const OUTBOX_KEY_BYTES = 32;

// One key per process, on globalThis like the database client (lib/db/client.ts): server.ts, which
// prints it, and the page's module, which Next.js bundles and may evaluate more than once,
// must agree. Never in process.env, which child processes inherit.
const globalForOutbox = globalThis as typeof globalThis & { cookieshopOutboxKey?: string };

export function outboxKey(): string {
  return (globalForOutbox.cookieshopOutboxKey ??= randomToken(OUTBOX_KEY_BYTES));
}

/** The link server.ts prints: the outbox on `origin`, with this process's key. */
export function outboxUrl(origin: string): string {
  return `${origin}${OUTBOX_PATH}?key=${outboxKey()}`;
}

/** Request headers a proxy adds (RFC 7239 Forwarded, RFC 9110 Via, and the common X- ones). */
const FORWARDING_HEADERS = new Set([
  "forwarded",
  "via",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-cluster-client-ip",
]);
const FORWARDING_HEADER_PREFIX = "x-forwarded-";

/** server.ts sets it on every request it hands on: "1" for one with no forwarding header, else none. */
export const DIRECT_REQUEST_HEADER = "x-cookieshop-direct";

/** For server.ts, before anything rewrites the headers: whatever the client sent under this name is replaced. */
export function markDirectRequest(headers: IncomingHttpHeaders): void {
  const forwarded = Object.keys(headers).some(
    (name) => FORWARDING_HEADERS.has(name) || name.startsWith(FORWARDING_HEADER_PREFIX),
  );
  if (forwarded) delete headers[DIRECT_REQUEST_HEADER];
  else headers[DIRECT_REQUEST_HEADER] = "1";
}

/** `key` is the request's `key` query parameter; `expectedKey` is for tests (default: this process's). */
export function mayReadOutbox(
  { headers, key }: { headers: Headers; key: string | undefined },
  env: Env = process.env,
  expectedKey?: string,
): boolean {
  return (
    isLocalDefault(env) &&
    env[OWN_SERVER_MARKER] === "1" &&
    clientIpHeaderSetting(env).from === "socket" &&
    headers.get(DIRECT_REQUEST_HEADER) === "1" &&
    isLoopbackAddress(clientAddress(headers, env)) &&
    key !== undefined &&
    sameKey(key, expectedKey ?? outboxKey())
  );
}

/** Constant time: both sides are hashed to equal lengths first, so neither length nor content leaks. */
function sameKey(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
