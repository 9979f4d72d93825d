import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * The authenticator app's secret at rest: AES-256-GCM, with a key
 * derived by HKDF-SHA-256 from AUTH_SECRET and a purpose label, so the key serves this one
 * purpose and no other key derived from AUTH_SECRET (Auth.js's cookie key) can open it. The
 * account's id is authenticated with the box, so a box copied onto another account's row
 * does not open there.
 *
 * Rotation: set the new AUTH_SECRET and keep the old one in AUTH_SECRET_PREVIOUS. Boxes sealed
 * with either open; each is sealed again under the current key the next time its code is
 * accepted (lib/auth/two-factor/store.ts). Once every box is resealed, drop the old secret.
 */

const VERSION = "v1";
const PURPOSE = "cookieshop two-factor secret v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), PURPOSE, 32));
}

/** Seals `plaintext` for `userId` under the key of `authSecret`: "v1.<iv>.<ciphertext and tag>", base64url. */
export function sealSecret(plaintext: string, userId: string, authSecret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(authSecret), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), sealed.toString("base64url")].join(".");
}

/**
 * The plaintext of a box sealed for `userId`, and which of `authSecrets` opened it (0 is the
 * current one); null when none does: a wrong key, another account's box, or a tampered one.
 */
export function openSecret(box: string, userId: string, authSecrets: readonly string[]): { plaintext: string; keyIndex: number } | null {
  const [version, ivText, sealedText, ...rest] = box.split(".");
  if (version !== VERSION || !ivText || !sealedText || rest.length > 0) return null;
  const iv = Buffer.from(ivText, "base64url");
  const sealed = Buffer.from(sealedText, "base64url");
  if (iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) return null;
  for (const [keyIndex, authSecret] of authSecrets.entries()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFrom(authSecret), iv);
      decipher.setAAD(Buffer.from(userId, "utf8"));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plaintext = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
      return { plaintext, keyIndex };
    } catch {
      // Not this key (or not this account's box): try the next.
    }
  }
  return null;
}
