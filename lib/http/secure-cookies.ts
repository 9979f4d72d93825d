import "server-only";
import { headers } from "next/headers";
import { isHttpsRequest } from "./request-origin";

/**
 * Whether a cookie the app sets now should be `Secure`: the site is served over HTTPS.
 * Server-side code sees no URL scheme of its own; AUTH_URL or the proxy's header tells.
 */
export async function cookiesNeedSecure(): Promise<boolean> {
  return isHttpsRequest(process.env.AUTH_URL ? new URL(process.env.AUTH_URL).protocol : "http:", await headers());
}
