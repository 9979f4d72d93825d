import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "../../http/client-ip";
import type { Client } from "./trail";

/** The address (see lib/http/client-ip.ts) and browser of the request being handled. */
export async function currentClient(): Promise<Client> {
  const requestHeaders = await headers();
  return { ip: clientAddress(requestHeaders), userAgent: requestHeaders.get("user-agent") };
}
