import { isRandomToken, randomToken, sha256Hex } from "../../crypto/tokens";

/**
 * The secrets in one-time links sent by email (OWASP ASVS 5.0 6.4.1–6.4.3): a password
 * reset, or the confirmation of an address. Pure functions; the rows that make a secret
 * valid live in lib/auth/links/store.ts.
 */

export type EmailLinkPurpose = "password-reset" | "confirm-email" | "unlock-login";

/** 256 bits from the CSPRNG (ASVS asks for at least 128 in a recovery secret). */
const LINK_SECRET_BYTES = 32;

/**
 * How long a link works: one hour for a reset (ASVS 6.4.1), a day to confirm an address, a
 * week to unlock capped logins. Only one unlock mail is sent per cap, and its owner may be
 * away while someone else spends the failures; the link only lifts the cap (it logs no one
 * in and changes nothing else), so an old one is worth little to whoever finds it. Once it
 * has expired, a password reset lifts the cap.
 */
export const EMAIL_LINK_LIFETIME_MS: Readonly<Record<EmailLinkPurpose, number>> = {
  "password-reset": 60 * 60 * 1000,
  "confirm-email": 24 * 60 * 60 * 1000,
  "unlock-login": 7 * 24 * 60 * 60 * 1000,
};

export function newLinkSecret(): string {
  return randomToken(LINK_SECRET_BYTES);
}

/** What the database keeps: a leaked table holds no usable link. */
export function hashLinkSecret(secret: string): string {
  return sha256Hex(secret);
}

/** Whether a value from a query string or form could be a secret newLinkSecret made. */
export function isWellFormedLinkSecret(value: unknown): value is string {
  return isRandomToken(value, LINK_SECRET_BYTES);
}

export function linkExpiry(purpose: EmailLinkPurpose, now: Date): Date {
  return new Date(now.getTime() + EMAIL_LINK_LIFETIME_MS[purpose]);
}
