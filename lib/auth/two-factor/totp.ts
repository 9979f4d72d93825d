import { Secret, TOTP } from "otpauth";

/**
 * Authenticator-app codes (RFC 6238 TOTP as every app reads it: SHA-1, 6 digits, 30 s).
 * A code counts for its own 30-second step and, for a phone whose clock drifts, the step
 * before or after. Which step matched is returned, so that the caller can refuse that step
 * and every earlier one from then on (OWASP ASVS 5.0 6.5.1): see useAppCode in ./store.ts.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of drift accepted on either side of the current one. */
export const TOTP_DRIFT_STEPS = 1;
/** 160 bits, the size RFC 4226 recommends for the shared secret. */
const SECRET_BYTES = 20;
const ISSUER = "Cookieshop";

const CODE = /^\d{6}$/;

function totpFor(secretBase32: string, label = ""): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new shared secret, in the base32 an app's "enter a key" field takes. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// address a QR code carries, naming the shop and the account's email. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/** What a person typed, as a code: digits only, spaces and hyphens dropped; null if it cannot be one. */
export function readTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return CODE.test(code) ? code : null;
}

/** The step (30-second counter since 1970) a time falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The step the code was made for, within the drift window around `now`, or null if it matches none. */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: TOTP_DRIFT_STEPS });
  return delta === null ? null : totpStep(now) + delta;
}

/** The code for a step: for tests and for the benchmark, which play the authenticator app. */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpFor(secretBase32).generate({ timestamp: now.getTime() });
}
