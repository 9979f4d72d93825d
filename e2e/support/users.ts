import { randomUUID } from "node:crypto";
import { type Page, expect } from "@playwright/test";
import bcrypt from "bcryptjs";
import { normalizeEmail } from "../../lib/auth/account/email-address";
import { TEST_BCRYPT_COST } from "../../playwright.config";
import { run } from "./db";
import { finishApiLoginWithArrangedFactor } from "./two-factor";

export const PASSWORD = "correct horse battery staple";
export const WRONG_PASSWORD = "not the right password";

/** A fresh address per test, so tests never share accounts and can run in parallel. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function fillRegistration(page: Page, email: string, password = PASSWORD, confirmation = password) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat password").fill(confirmation);
}

/** Registers through the form and waits until the header shows the new user. */
export async function register(page: Page, email = uniqueEmail(), password = PASSWORD): Promise<string> {
  await page.goto("/register");
  await fillRegistration(page, email, password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
  return email;
}

export async function fillLogin(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
}

export async function logIn(page: Page, email: string, password = PASSWORD, { remember = false } = {}) {
  await page.goto("/login");
  await fillLogin(page, email, password);
  await page.getByLabel("Remember me").setChecked(remember);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
}

const storedHashes = new Map<string, string>();

/** The password's hash as the suite's servers would store it (at TEST_BCRYPT_COST), made once per password. */
function storedHashOf(password: string): string {
  let hash = storedHashes.get(password);
  if (!hash) {
    // NFKC first, as lib/auth/password/hashing.ts normalizes before hashing.
    hash = bcrypt.hashSync(password.normalize("NFKC"), TEST_BCRYPT_COST);
    storedHashes.set(password, hash);
  }
  return hash;
}

export type AccountOptions = { email?: string; password?: string; confirmed?: boolean; role?: "customer" | "admin" };

/**
 * An account put straight into the database, as a registration leaves it but for the
 * "Account created" event and its confirmation mail: for tests about something else.
 * Registering itself is tested through the form (e2e/register.spec.ts). Returns the email.
 */
export async function createAccount({
  email = uniqueEmail(),
  password = PASSWORD,
  confirmed = false,
  role = "customer",
}: AccountOptions = {}) {
  const stored = normalizeEmail(email);
  const id = `e2e-${randomUUID()}`;
  const now = new Date();
  await run(
    'INSERT INTO "User" ("id", "email", "emailVerified", "role", "active", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
    [id, stored, confirmed ? now : null, role, true, now, now],
  );
  await run('INSERT INTO "Password" ("userId", "hash", "updatedAt") VALUES (?, ?, ?)', [id, storedHashOf(password), now]);
  return stored;
}

/**
 * Logs the page's browser context in through the JSON API (the same login as the form's, with
 * its session row and cookie): for tests that need a signed-in customer, not a login. An
 * account arranged with two-factor (./two-factor.ts) gets its second step done too.
 */
export async function logInThroughApi(page: Page, email: string, password = PASSWORD, { remember = false } = {}) {
  let response = await page.request.post("/api/login", { data: { email, password, remember } });
  const challenge = response.status() === 401 ? (await response.json()).secondFactor?.challenge : undefined;
  if (challenge) response = await finishApiLoginWithArrangedFactor(page.request, email, challenge);
  expect(response.status(), "the API login").toBe(200);
}

/** An account that exists; the test's page stays logged out: for login tests. */
export function existingUser(password = PASSWORD): Promise<string> {
  return createAccount({ password });
}

/**
 * Marks the account's address as confirmed, as its confirmation link would: for tests about
 * something else (ordering) that need a confirmed customer. The link itself is tested in
 * e2e/email-confirmation.spec.ts.
 */
export async function markAddressConfirmed(email: string): Promise<void> {
  const changed = await run('UPDATE "User" SET "emailVerified" = ? WHERE "email" = ?', [new Date(), email]);
  if (changed !== 1) throw new Error(`no account for ${email}`);
}

/** A new account, logged in on `page` (through the API): for tests about what a customer does. */
export async function loggedInCustomer(page: Page, { password = PASSWORD, ...options }: AccountOptions = {}): Promise<string> {
  const email = await createAccount({ password, ...options });
  await logInThroughApi(page, email, password);
  return email;
}

/** The same with a confirmed address: a customer who may order. */
export function confirmedCustomer(page: Page, email = uniqueEmail(), password = PASSWORD): Promise<string> {
  return loggedInCustomer(page, { email, password, confirmed: true });
}
