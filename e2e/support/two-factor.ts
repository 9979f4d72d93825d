import { hashRecoveryCode, newRecoveryCodes, readRecoveryCode } from "../../lib/auth/two-factor/recovery-codes";
import { sealSecret } from "../../lib/auth/two-factor/secret-box";
import { TOTP_DRIFT_STEPS, TOTP_PERIOD_SECONDS, newTotpSecret, totpCodeAt } from "../../lib/auth/two-factor/totp";
import { E2E_SERVER_ENV } from "../../playwright.config";
import { query, run } from "./db";

/**
 * Two-factor for tests about logging in with it: the account is arranged in the database as
 * a finished setup leaves it (setup itself is the account page's subject), and the test plays
 * the authenticator app with the secret it gets back.
 */

export type TwoFactorAccount = {
  /** The app's shared secret (base32), for codeNow. */
  secret: string;
  /** The account's unused recovery codes, as they were shown: "xxxx-xxxx-…". */
  recoveryCodes: string[];
};

/**
 * Turns two-factor on for the account of `email`: a new secret sealed as the e2e server seals
 * it (under its AUTH_SECRET, bound to the account), on since now with no code used yet, and a
 * fresh set of recovery codes, stored as the app stores them (hashes of their read form).
 */
export async function enableTwoFactor(email: string): Promise<TwoFactorAccount> {
  const [user] = await query<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = ?', [email]);
  if (!user) throw new Error(`no account for ${email}`);
  const secret = newTotpSecret();
  const now = new Date();
  await run('INSERT INTO "TwoFactor" ("userId", "secretBox", "enabledAt", "lastUsedStep", "createdAt") VALUES (?, ?, ?, ?, ?)', [
    user.id,
    sealSecret(secret, user.id, E2E_SERVER_ENV.AUTH_SECRET),
    now,
    0,
    now,
  ]);
  const recoveryCodes = newRecoveryCodes();
  for (const code of recoveryCodes) {
    await run('INSERT INTO "RecoveryCode" ("codeHash", "userId", "usedAt", "createdAt") VALUES (?, ?, ?, ?)', [
      hashRecoveryCode(readRecoveryCode(code)!),
      user.id,
      null,
      now,
    ]);
  }
  return { secret, recoveryCodes };
}

/** The code the app shows right now. */
export function codeNow(secret: string): string {
  return totpCodeAt(secret, new Date());
}

/** Six digits the server will not take now: no code of any step within its drift window (and a step more, for the clock). */
export function wrongCodeNow(secret: string): string {
  const now = Date.now();
  const reach = TOTP_DRIFT_STEPS + 1;
  const good = new Set<string>();
  for (let step = -reach; step <= reach; step++) good.add(totpCodeAt(secret, new Date(now + step * TOTP_PERIOD_SECONDS * 1000)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, "0");
    if (!good.has(code)) return code;
  }
}

/** How many login challenges of the account are stored (live or not yet cleaned up). */
export async function storedChallenges(email: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    'SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "LoginChallenge" c JOIN "User" u ON u."id" = c."userId" WHERE u."email" = ?',
    [email],
  );
  return row?.n ?? 0;
}
