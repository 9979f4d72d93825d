import "server-only";
import { isRandomToken, randomToken, sha256Hex } from "../../crypto/tokens";
import { db } from "../../db/client";

/**
 * A WebAuthn ceremony between its options and its answer. The challenge the authenticator
 * signs is random and public (it is in the options); what binds it to the browser that asked
 * is a second secret, in an HttpOnly cookie, whose hash names the row. It lasts five minutes
 * and is taken once, by a conditional delete that only one of two simultaneous answers wins.
 */

export const PASSKEY_CHALLENGE_LIFETIME_MS = 5 * 60_000;
export const PASSKEY_CHALLENGE_COOKIE = "passkey-challenge";
/** The cookie's secret: 256 bits. */
const COOKIE_SECRET_BYTES = 32;

export type PasskeyPurpose = "login" | "second-factor" | "register";

/**
 * Stores the challenge of options just made; returns the cookie's secret. Expired rows go at
 * the same time, so the table holds only the last five minutes' ceremonies.
 */
export async function startPasskeyChallenge(purpose: PasskeyPurpose, challenge: string, userId: string | null, now = new Date()): Promise<string> {
  const secret = randomToken(COOKIE_SECRET_BYTES);
  await db.$transaction([
    db.passkeyChallenge.deleteMany({ where: { expires: { lte: now } } }),
    db.passkeyChallenge.create({
      data: { id: sha256Hex(secret), challenge, purpose, userId, expires: new Date(now.getTime() + PASSKEY_CHALLENGE_LIFETIME_MS), createdAt: now },
    }),
  ]);
  return secret;
}

/**
 * The challenge the cookie's secret names, used up now: null if unknown, malformed, expired,
 * for another purpose, or already taken (by this or a simultaneous request).
 */
export async function takePasskeyChallenge(secret: unknown, purpose: PasskeyPurpose, now = new Date()): Promise<{ challenge: string; userId: string | null } | null> {
  if (!isRandomToken(secret, COOKIE_SECRET_BYTES)) return null;
  const id = sha256Hex(secret);
  const row = await db.passkeyChallenge.findUnique({ where: { id } });
  if (!row) return null;
  // Deleted whatever its state, so that a wrong purpose or a late answer cannot try again.
  const { count } = await db.passkeyChallenge.deleteMany({ where: { id } });
  if (count !== 1 || row.purpose !== purpose || row.expires <= now) return null;
  return { challenge: row.challenge, userId: row.userId };
}
