import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "../client-ip";
import type { Client } from "./audit";
import type { Refusal } from "./rate-limits";

/** The address (see lib/client-ip.ts) and browser of the request being handled. */
export async function currentClient(): Promise<Client> {
  const requestHeaders = await headers();
  return { ip: clientAddress(requestHeaders), userAgent: requestHeaders.get("user-agent") };
}

/** What a flow answers when a throttle (lib/auth/rate-limits.ts) refused the request. */
export type Throttled = { ok: false; reason: "throttled"; retryAfterMs: number };

export function throttled(refusal: Refusal): Throttled {
  return { ok: false, reason: "throttled", retryAfterMs: refusal.retryAfterMs };
}
