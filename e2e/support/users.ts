import { randomUUID } from "node:crypto";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { run } from "./db";

export const PASSWORD = "correct horse battery staple";
export const WRONG_PASSWORD = "not the right password";

/**
 * How long to wait for a registration or login to land. Each runs a bcrypt hash at cost 12
 * on the server; with two test workers (and the extra servers of some specs) sharing two
 * cores, a registration took longer than the default 5 s once in CI's PostgreSQL pass. And
 * one queued behind the other worker's "50 simultaneous signups" (up to 50 hashes on two
 * threads) took over 15 s on 2026-12-01, a day this machine ran at about 60% of its usual speed.
 */
export const PASSWORD_WORK_TIMEOUT_MS = 30_000;

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
  await expect(page.getByTestId("current-user")).toHaveText(email, { timeout: PASSWORD_WORK_TIMEOUT_MS });
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
  await expect(page.getByTestId("current-user")).toHaveText(email, { timeout: PASSWORD_WORK_TIMEOUT_MS });
}

/**
 * An account registered through the form in a browser context of its own, so the test's
 * page starts logged out: for login tests.
 */
export async function existingUser(browser: Browser, password = PASSWORD): Promise<string> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    return await register(await context.newPage(), uniqueEmail(), password);
  } finally {
    await context.close();
  }
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

/** Registers through the form, then confirms the address: a customer who may order. */
export async function registerConfirmed(page: Page, email = uniqueEmail(), password = PASSWORD): Promise<string> {
  await register(page, email, password);
  await markAddressConfirmed(email);
  return email;
}
