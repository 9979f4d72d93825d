import { randomInt } from "node:crypto";
import { sha256Hex } from "../../crypto/tokens";

/**
 * Recovery codes: one-time stand-ins for the authenticator app. Each is 24 characters of
 * Crockford's base32 (120 random bits), shown once in groups of four. At 112 bits or more
 * OWASP ASVS 5.0 6.5.2 lets a lookup secret be kept as a plain SHA-256 (no salt, no
 * stretching): guessing one is as hopeless as guessing a session secret, so that is the
 * branch taken, and a code is found by its hash in one indexed lookup.
 */

export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 24;
const GROUP = 4;
/** Crockford's base32: digits and letters without I, L, O and U, so nothing reads as something else. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** The randomness in one code: ASVS 5.0 6.5.2's plain-hash branch needs at least 112 bits. */
export const RECOVERY_CODE_BITS = CODE_LENGTH * Math.log2(ALPHABET.length);
/** What people mistype for those (Crockford's reading rules). */
const LOOK_ALIKES: Record<string, string> = { i: "1", l: "1", o: "0" };

/** `count` new codes, as they are shown: "xxxx-xxxx-xxxx-xxxx-xxxx-xxxx". */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const characters = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return characters.match(new RegExp(`.{${GROUP}}`, "g"))!.join("-");
  });
}

/** A typed code in its one stored form (no spaces or hyphens, lower case, look-alikes read), or null if it cannot be one. */
export function readRecoveryCode(input: string): string | null {
  const code = [...input.toLowerCase().replace(/[\s-]/g, "")].map((character) => LOOK_ALIKES[character] ?? character).join("");
  return code.length === CODE_LENGTH && [...code].every((character) => ALPHABET.includes(character)) ? code : null;
}

/** What the database keeps of a code: the hash of its read form. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(code);
}
