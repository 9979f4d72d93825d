import { createHash, randomBytes } from "node:crypto";

/** `bytes` bytes from the system's secure random source, as base64url: for secrets and ids that travel in cookies, links and forms. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * Whether a value that came back from a browser or a client could be a randomToken(bytes):
 * anything else is refused before it is hashed or looked up.
 */
export function isRandomToken(value: unknown, bytes: number): value is string {
  return typeof value === "string" && value.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(value);
}

/**
 * SHA-256, as hex. Enough to keep a random secret of 128 bits or more (a leaked table holds
 * no usable one, and no salt or stretching is needed at that entropy), and to key a counter
 * by an address without storing the address.
 */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
