import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { BCRYPT_COST, bcryptCost } from "../../config/env";
import { PasswordWorkBusy, bcryptThreads } from "./threads";
import { MAX_PASSWORD_BYTES, normalizePassword, passwordByteLength } from "./policy";

export { PasswordWorkBusy };

/**
 * Password hashing: bcrypt of the normalized password, at the configured cost (its floor and
 * ceiling are in lib/config/env.ts), on a worker thread (./threads.ts).
 */

export async function hashPassword(password: string): Promise<string> {
  return bcryptThreads.hash(normalizePassword(password), bcryptCost());
}

/**
 * Throws PasswordWorkBusy when the password threads already hold more waiting work than
 * their bound: a flow calls it before it counts or writes anything, so a refusal costs
 * nothing. (The threads enforce the bound again when the work is handed over.)
 */
export function refuseIfPasswordWorkBusy(): void {
  const busy = bcryptThreads.busy();
  if (busy) throw busy;
}

/** True for a hash made at a lower cost than the configured one: it is re-hashed at the next login. */
export function hashNeedsUpgrade(hash: string): boolean {
  return bcrypt.getRounds(hash) < bcryptCost();
}

/** False, without comparing, for input bcrypt would truncate: such a password was never accepted. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (passwordByteLength(password) > MAX_PASSWORD_BYTES) {
    await bcryptThreads.compare("", hash); // keep the timing of a real comparison
    return false;
  }
  return bcryptThreads.compare(normalizePassword(password), hash);
}

/**
 * A bcrypt hash at BCRYPT_COST of 32 random bytes that were thrown away, so no password
 * matches it. Regenerate it when BCRYPT_COST changes (a unit test checks that the costs agree).
 */
export const HASH_FOR_UNKNOWN_USER = "$2b$12$jJupwZBQxrzMoFeqa.VMxe.Txi34iGqh1bzakdTo8aXyl8TK/Bbfa";

const unknownUserHashes = new Map<number, Promise<string>>();

/**
 * What a login for an unknown email compares against, at the configured cost, so it costs
 * the same as a wrong password. At BCRYPT_COST it is the constant above; at a test cost it is
 * made once per process, from random bytes that are thrown away.
 */
export function hashForUnknownUser(cost = bcryptCost()): Promise<string> {
  if (cost === BCRYPT_COST) return Promise.resolve(HASH_FOR_UNKNOWN_USER);
  let hash = unknownUserHashes.get(cost);
  if (!hash) {
    hash = bcryptThreads.hash(randomBytes(32).toString("base64"), cost);
    unknownUserHashes.set(cost, hash);
  }
  return hash;
}
