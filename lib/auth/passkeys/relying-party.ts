import { siteOrigin } from "../../config/site-url";

/**
 * Who the passkeys belong to, in WebAuthn's words: the relying party. Its id is the host name
 * of AUTH_URL and the only origin it accepts is AUTH_URL's, both from configuration and never
 * from a request's Host header, which a client chooses. A passkey is bound to the id it was
 * made for: changing AUTH_URL's host makes every registered passkey useless.
 */

export type RelyingParty = { id: string; origin: string; name: string };

/** The name authenticators show beside the account. */
const RELYING_PARTY_NAME = "Cookieshop";

type Env = Record<string, string | undefined>;

/** The relying party, or null when the site's origin is not configured (passkeys are then off). */
export function relyingParty(env: Env = process.env): RelyingParty | null {
  let origin: string;
  try {
    origin = siteOrigin(env);
  } catch {
    return null;
  }
  return { id: new URL(origin).hostname, origin, name: RELYING_PARTY_NAME };
}
