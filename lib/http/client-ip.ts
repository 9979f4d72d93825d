import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";

/**
 * Where the client's address comes from. It will key per-address rate limits, so a client
 * must not be able to choose it.
 *
 * - `CLIENT_IP_HEADER` unset: "socket" mode. `npm run serve` (server.ts) overwrites
 *   X-Forwarded-For with the connection's address before Next.js sees the request, and the
 *   app reads it from there. Whatever the client sent is gone.
 * - `CLIENT_IP_HEADER=<name>`: the operator's trusted proxy sets that header. When it holds a
 *   comma-separated list (X-Forwarded-For style, where each proxy appends the address it saw)
 *   the rightmost entry is used: it is the one the nearest proxy, ours, appended. Entries to
 *   its left came from the client or from proxies we know nothing about.
 *
 * Anything missing or not a plain IPv4/IPv6 address becomes UNKNOWN_CLIENT_ADDRESS: those
 * requests share one bucket rather than letting junk mint new ones.
 *
 * Plain module (no Next.js, no server-only) so server.ts can import it too.
 */

export const UNKNOWN_CLIENT_ADDRESS = "unknown";
/** The header server.ts fills from the socket in socket mode. */
export const SOCKET_ADDRESS_HEADER = "x-forwarded-for";
/** server.ts sets this in its own process, so the app knows the socket address reaches it. */
export const OWN_SERVER_MARKER = "COOKIESHOP_SERVER";

/** Longer than any address with a port or an IPv6 zone; anything longer is junk. */
const MAX_ADDRESS_LENGTH = 64;
/** An HTTP field name is a "token" (RFC 9110, section 5.1). */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

type Env = Record<string, string | undefined>;

export type ClientAddressSource = { from: "socket" } | { from: "header"; header: string };

/** Why `name` cannot be CLIENT_IP_HEADER, or undefined when it can. */
export function clientIpHeaderProblem(name: string): string | undefined {
  if (!HTTP_TOKEN.test(name)) {
    return "CLIENT_IP_HEADER must be a header name such as x-forwarded-for or x-real-ip.";
  }
  if (name.toLowerCase() === "forwarded") {
    return "CLIENT_IP_HEADER=forwarded is not supported (its entries are for=… pairs); use x-forwarded-for or x-real-ip.";
  }
  return undefined;
}

/** The configured source; throws on a setting the start-up check would have refused. */
export function clientIpHeaderSetting(env: Env = process.env): ClientAddressSource {
  const name = env.CLIENT_IP_HEADER?.trim() ?? "";
  if (name === "") return { from: "socket" };
  const problem = clientIpHeaderProblem(name);
  if (problem) throw new Error(problem);
  return { from: "header", header: name.toLowerCase() };
}

/** The client's address for this request, or UNKNOWN_CLIENT_ADDRESS. */
export function clientAddress(headers: Headers, env: Env = process.env): string {
  const source = clientIpHeaderSetting(env);
  if (source.from === "socket") {
    // Exactly what server.ts wrote: one address, never a list.
    return normalizeAddress(headers.get(SOCKET_ADDRESS_HEADER) ?? "");
  }
  const entries = (headers.get(source.header) ?? "").split(",").filter((entry) => entry.trim() !== "");
  return normalizeAddress(entries.at(-1) ?? "");
}

/**
 * For server.ts, before Next.js sees the request: in socket mode, replaces whatever
 * X-Forwarded-For the client sent with the socket's address (or removes it when the socket
 * has none). In header mode the proxy's headers are left alone.
 */
export function writeSocketAddress(
  headers: IncomingHttpHeaders,
  remoteAddress: string | undefined,
  source: ClientAddressSource,
): void {
  if (source.from !== "socket") return;
  if (remoteAddress) headers[SOCKET_ADDRESS_HEADER] = remoteAddress;
  else delete headers[SOCKET_ADDRESS_HEADER];
}

/**
 * One address in one spelling, so the same client always lands in the same bucket:
 * "[::1]:443" → "::1", "192.0.2.1:80" → "192.0.2.1", "::FFFF:192.0.2.1" → "192.0.2.1",
 * "2001:DB8:0::1" → "2001:db8::1". Anything else → UNKNOWN_CLIENT_ADDRESS. A port is only
 * stripped where it is unambiguous: "2001:db8::1:80" is itself a valid address.
 */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH) return UNKNOWN_CLIENT_ADDRESS;

  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(address)) address = address.slice(0, address.indexOf(":"));

  switch (isIP(address)) {
    case 4:
      return address;
    case 6:
      return canonicalIPv6(address);
    default:
      return UNKNOWN_CLIENT_ADDRESS;
  }
}

function canonicalIPv6(address: string): string {
  // A zone ("%eth0") names a local interface, not a different client.
  const withoutZone = address.split("%")[0] ?? "";
  let canonical: string;
  try {
    // URL parsing writes IPv6 in its one canonical form: lower case, longest zero run compressed.
    canonical = new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1);
  } catch {
    return UNKNOWN_CLIENT_ADDRESS;
  }
  // IPv4-mapped (::ffff:a.b.c.d, canonically ::ffff:hhhh:hhhh) is an IPv4 client on a dual-stack socket.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = parseInt(mapped[1] ?? "", 16);
  const low = parseInt(mapped[2] ?? "", 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** 127.0.0.0/8 and ::1, in any spelling normalizeAddress reads (::ffff:127.x, [::1]:3000). */
export function isLoopbackAddress(address: string): boolean {
  const normalized = normalizeAddress(address);
  if (normalized === "::1") return true;
  return isIP(normalized) === 4 && normalized.split(".")[0] === "127";
}
