import { type APIRequestContext, type APIResponse, type Page, expect } from "@playwright/test";
import { hashRecoveryCode, newRecoveryCodes, readRecoveryCode } from "../../lib/auth/two-factor/recovery-codes";
import { sealSecret } from "../../lib/auth/two-factor/secret-box";
import { TOTP_DRIFT_STEPS, TOTP_PERIOD_SECONDS, newTotpSecret, totpCodeAt } from "../../lib/auth/two-factor/totp";
import { E2E_SERVER_ENV } from "../../playwright.config";
import { query, run } from "./db";

/** What a test holds of an account's second factor: the app's secret and the recovery codes. */
export type TwoFactorKeys = { secret: string; recoveryCodes: string[] };

/** The code an authenticator app shows for the secret, `steps` 30-second steps from now. */
export function appCode(secret: string, steps = 0): string {
  return totpCodeAt(secret, new Date(Date.now() + steps * TOTP_PERIOD_SECONDS * 1000));
}

/** Six digits the server will not take now: no step's code within its drift window, and a step more for the clock. */
export function wrongCodeNow(secret: string): string {
  const good = new Set(Array.from({ length: 2 * (TOTP_DRIFT_STEPS + 1) + 1 }, (_, i) => appCode(secret, i - TOTP_DRIFT_STEPS - 1)));
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

/** The keys of the accounts this worker arranged with two-factor, for logging them in again. */
const arranged = new Map<string, TwoFactorKeys>();

/**
 * The second step of an API login for an account arranged with two-factor, after its first
 * step answered 401 with a challenge. Its last accepted step is cleared first, so that a test
 * may log it in more than once in 30 seconds: replay itself is tested in the two-factor specs.
 */
export async function finishApiLoginWithArrangedFactor(request: APIRequestContext, email: string, challenge: string): Promise<APIResponse> {
  const keys = arranged.get(email);
  if (!keys) throw new Error(`${email} has two-factor on, but not arranged by this worker: log it in through its own test.`);
  await run('UPDATE "TwoFactor" SET "lastUsedStep" = 0 WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)', [email]);
  return request.post("/api/login/two-factor", { data: { challenge, code: appCode(keys.secret) } });
}

/**
 * Two-factor on for an existing account, put straight into the database as a setup leaves
 * it (sealed with the suite's AUTH_SECRET): for tests about something else. Setting it up
 * through the page is tested in e2e/two-factor.spec.ts.
 */
export async function enableTwoFactor(email: string): Promise<TwoFactorKeys> {
  const [user] = await query<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = ?', [email]);
  if (!user) throw new Error(`no account ${email}`);
  const secret = newTotpSecret();
  const recoveryCodes = newRecoveryCodes();
  const now = new Date();
  await run('INSERT INTO "TwoFactor" ("userId", "secretBox", "enabledAt", "lastUsedStep", "createdAt") VALUES (?, ?, ?, ?, ?)', [
    user.id,
    sealSecret(secret, user.id, E2E_SERVER_ENV.AUTH_SECRET),
    now,
    0,
    now,
  ]);
  arranged.set(email, { secret, recoveryCodes });
  for (const code of recoveryCodes) {
    await run('INSERT INTO "RecoveryCode" ("codeHash", "userId", "createdAt") VALUES (?, ?, ?)', [hashRecoveryCode(readRecoveryCode(code)!), user.id, now]);
  }
  return { secret, recoveryCodes };
}

/** Sets two-factor up through the Security page, as a customer does; the page must be logged in. `usedCode` is the code that turned it on. */
export async function enrolThroughPage(page: Page, password: string): Promise<TwoFactorKeys & { usedCode: string }> {
  await page.goto("/account/security");
  const section = page.locator("#two-factor");
  await section.getByLabel("Password, to confirm it is you").fill(password);
  await section.getByRole("button", { name: "Set up two-factor login" }).click();
  await expect(section.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await section.getByTestId("two-factor-secret").innerText()).replace(/\s/g, "");
  const usedCode = appCode(secret);
  await section.getByLabel("Code from the app").fill(usedCode);
  await section.getByRole("button", { name: "Turn on two-factor login" }).click();
  const list = section.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  return { secret, recoveryCodes: await list.getByRole("listitem").allInnerTexts(), usedCode };
}

/** The second step of a login, from the two-factor page. */
export async function enterSecondFactor(page: Page, code: string) {
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Log in" }).click();
}
