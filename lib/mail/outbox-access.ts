import { isLoopbackAddress } from "../client-ip";
import { usesLocalOutbox } from "./transport";

/**
 * Who may read the local outbox (/dev/outbox). Pure, so the rule is unit-tested.
 *
 * The outbox holds every account's password reset and confirmation links, so it exists only
 * in the local default (mail goes nowhere else) and only for a browser on this same machine.
 * Anything else gets a 404, which also says nothing about whether the page exists.
 */

/** `clientAddress` is the request's client address as lib/client-ip.ts determines it. */
export function mayReadOutbox(clientAddress: string, env: Record<string, string | undefined> = process.env): boolean {
  return usesLocalOutbox(env) && isLoopbackAddress(clientAddress);
}
