import "server-only";
import { db, isUniqueViolation } from "../../db/client";
import type { StoredAppSecret } from "./challenge";
import { hashRecoveryCode, newRecoveryCodes, readRecoveryCode } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { matchingStep, newTotpSecret, readTotpCode } from "./totp";

/**
 * An account's second factor in the database: the app's sealed secret, the last step a code
 * was accepted for, and the recovery codes' hashes. Every "use once" rule is a conditional
 * write that only one of two simultaneous requests can win.
 */

/** AUTH_SECRET first, then AUTH_SECRET_PREVIOUS during a rotation (./secret-box.ts). */
function authSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.AUTH_SECRET, env.AUTH_SECRET_PREVIOUS].filter((secret): secret is string => Boolean(secret));
}

function currentAuthSecret(): string {
  const [current] = authSecrets();
  if (!current) throw new Error("AUTH_SECRET is not set.");
  return current;
}

/** Whether logging in to the account asks for a second factor. */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  return (await db.twoFactor.count({ where: { userId, enabledAt: { not: null } } })) === 1;
}

/** How long a setup may wait for its first code before the page stops showing its secret. */
export const SETUP_LIFETIME_MS = 15 * 60_000;

/**
 * What the Security page shows: on or off, the recovery codes left, and the secret of a setup
 * begun lately and not yet confirmed (otherwise null). One read of the row, one count.
 */
export type TwoFactorStatus = { enabled: boolean; recoveryCodesLeft: number; pendingSecret: string | null };

export async function twoFactorStatus(userId: string, now = new Date()): Promise<TwoFactorStatus> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { secretBox: true, enabledAt: true, createdAt: true } });
  if (row?.enabledAt) {
    return { enabled: true, recoveryCodesLeft: await db.recoveryCode.count({ where: { userId, usedAt: null } }), pendingSecret: null };
  }
  const fresh = row && now.getTime() - row.createdAt.getTime() <= SETUP_LIFETIME_MS;
  return { enabled: false, recoveryCodesLeft: 0, pendingSecret: (fresh && openSecret(row.secretBox, userId, authSecrets())?.plaintext) || null };
}

/**
 * Begins (or begins again) a setup: a new secret, for the page to show (QR code and text).
 * Null when two-factor is already on: its secret is never shown again.
 */
export async function pendingSecret(userId: string, now = new Date()): Promise<string | null> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  if (row?.enabledAt) return null;
  const secretBox = sealSecret(newTotpSecret(), userId, currentAuthSecret());
  // A setup confirmed meanwhile in another tab is never replaced; of two tabs starting at
  // once, the row's unique key keeps one secret, and both show that one.
  if (row) await db.twoFactor.updateMany({ where: { userId, enabledAt: null }, data: { secretBox, createdAt: now } });
  else await db.twoFactor.create({ data: { userId, secretBox, createdAt: now } }).catch((error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
  });
  const stored = await db.twoFactor.findUnique({ where: { userId }, select: { secretBox: true, enabledAt: true } });
  return stored && !stored.enabledAt ? (openSecret(stored.secretBox, userId, authSecrets())?.plaintext ?? null) : null;
}

/**
 * Turns two-factor on if `code` is right for the pending secret, and returns the first set
 * of recovery codes (shown once); null for a wrong code or when there is nothing pending.
 */
export async function confirmSetup(userId: string, input: string, now = new Date()): Promise<string[] | null> {
  const code = readTotpCode(input);
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { secretBox: true, enabledAt: true } });
  if (!code || !row || row.enabledAt) return null;
  const opened = openSecret(row.secretBox, userId, authSecrets());
  const step = opened ? matchingStep(opened.plaintext, code, now) : null;
  if (step === null) return null;
  const codes = newRecoveryCodes();
  const switchedOn = await db.$transaction(async (tx) => {
    const { count } = await tx.twoFactor.updateMany({
      where: { userId, enabledAt: null, secretBox: row.secretBox },
      data: { enabledAt: now, lastUsedStep: step },
    });
    if (count !== 1) return false;
    await replaceRecoveryCodes(tx, userId, codes, now);
    return true;
  });
  return switchedOn ? codes : null;
}

type RecoveryCodeTable = Pick<typeof db, "recoveryCode">;

async function replaceRecoveryCodes(tx: RecoveryCodeTable, userId: string, codes: string[], now: Date) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(readRecoveryCode(code)!), createdAt: now })),
  });
}

/** A new set of recovery codes, the old ones void at once; null when two-factor is off. */
export async function regenerateRecoveryCodes(userId: string, now = new Date()): Promise<string[] | null> {
  const codes = newRecoveryCodes();
  const done = await db.$transaction(async (tx) => {
    const row = await tx.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
    if (!row?.enabledAt) return false;
    await replaceRecoveryCodes(tx, userId, codes, now);
    return true;
  });
  return done ? codes : null;
}

/**
 * Turns two-factor off: the secret, every recovery code and every login waiting for a code
 * are deleted, whoever asks (the owner's form, the operator's reset). Whether it was on.
 */
export async function removeTwoFactor(userId: string): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.loginChallenge.deleteMany({ where: { userId } }),
    db.twoFactor.deleteMany({ where: { userId } }),
  ]);
  return Boolean(row?.enabledAt);
}

export type SecondFactorCheck = { ok: true; used: "app" | "recovery-code" } | { ok: false };

/**
 * Whether `input` is a good second factor for the account right now: an app code for a step
 * later than the last one accepted (OWASP ASVS 5.0 6.5.1), or an unused recovery code. Either
 * is used up by this call, in one conditional write, so of two simultaneous posts of the same
 * code one is refused.
 */
export async function useSecondFactor(userId: string, input: string, now = new Date(), known?: StoredAppSecret | null): Promise<SecondFactorCheck> {
  const appCode = readTotpCode(input);
  if (appCode) return useAppCode(userId, appCode, now, known);
  const recoveryCode = readRecoveryCode(input);
  if (!recoveryCode) return { ok: false };
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(recoveryCode), usedAt: null, user: { twoFactor: { enabledAt: { not: null } } } },
    data: { usedAt: now },
  });
  return count === 1 ? { ok: true, used: "recovery-code" } : { ok: false };
}

/**
 * An authenticator-app code only, never a recovery code: for the checks that prove the app is
 * at hand (new recovery codes, adding a passkey), where a recovery code would be used up
 * unnoticed. Used up like any accepted code.
 */
export async function useAuthenticatorCode(userId: string, input: string, now = new Date()): Promise<boolean> {
  const code = readTotpCode(input);
  return code !== null && (await useAppCode(userId, code, now)).ok;
}

/** `known`: the row as the caller already read it (with a login's challenge); the write below still checks it is on. */
async function useAppCode(userId: string, code: string, now: Date, known?: StoredAppSecret | null): Promise<SecondFactorCheck> {
  const row = known !== undefined ? known : await db.twoFactor.findUnique({ where: { userId }, select: { secretBox: true, enabledAt: true } });
  if (!row?.enabledAt) return { ok: false };
  const opened = openSecret(row.secretBox, userId, authSecrets());
  const step = opened ? matchingStep(opened.plaintext, code, now) : null;
  if (!opened || step === null) return { ok: false };
  const { count } = await db.twoFactor.updateMany({
    where: { userId, enabledAt: { not: null }, lastUsedStep: { lt: step } },
    // A box still under the previous AUTH_SECRET is sealed again under the current one.
    data: { lastUsedStep: step, ...(opened.keyIndex > 0 ? { secretBox: sealSecret(opened.plaintext, userId, currentAuthSecret()) } : {}) },
  });
  return count === 1 ? { ok: true, used: "app" } : { ok: false };
}
