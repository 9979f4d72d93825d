import type { APIRequestContext, Page } from "@playwright/test";
import { LOGIN_FAILURES_BEFORE_CAP } from "../lib/auth/throttle/policies";
import { apiLogin, capturedLoginAnswer, observable } from "./support/api";
import { arrangeConsecutiveFailures, storedAuthEvents, storedLoginCounters } from "./support/db";
import { linkIn, mailsTo, waitForMail } from "./support/mail";
import { expect, test } from "./support/test";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, logIn, uniqueEmail } from "./support/users";

// NIST SP 800-63B's cap: after LOGIN_FAILURES_BEFORE_CAP failed logins in a row, an email's
// password logins stop until its owner follows the one link mailed to it, or resets the
// password. The first 99 failures are arranged in the database, not spent.

const CAPPED =
  "Logins with this email are paused after too many failed attempts. If it belongs to an account, we have sent that address a link to allow them again. You can also reset your password.";
const UNLOCK_SUBJECT = /^Password logins to your Cookieshop account are paused$/;
const RESET_SUBJECT = /^Reset your Cookieshop password$/;
const NEW_PASSWORD = "a brand new cookie jar";

/** Arranges the email one failure short of the cap, then fails once more: it is capped now. */
async function reachCap(request: APIRequestContext, email: string) {
  await arrangeConsecutiveFailures(email, LOGIN_FAILURES_BEFORE_CAP - 1);
  const last = await apiLogin(request, email, WRONG_PASSWORD);
  expect(last.status()).toBe(401); // the failure that reaches the cap is still an ordinary one
}

async function submitLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await fillLogin(page, email, password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** "Forgot password" through the form; the link from the mail that arrives. */
async function askForResetLink(page: Page, email: string): Promise<string> {
  const sent = Date.now();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("If an account exists for that address");
  return linkIn(await waitForMail(email, RESET_SUBJECT, { after: sent }), "/reset-password");
}

function unlockMails(email: string) {
  return mailsTo(email).filter((mail) => UNLOCK_SUBJECT.test(mail.subject));
}

test(`${LOGIN_FAILURES_BEFORE_CAP} failures in a row stop password logins until the owner follows the one unlock link mailed to the address`, async ({
  page,
  browser,
  request,
}) => {
  const email = await existingUser();
  const capped = Date.now();
  await arrangeConsecutiveFailures(email, LOGIN_FAILURES_BEFORE_CAP - 1);
  await submitLogin(page, email, WRONG_PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");

  // The right password is refused, on the form and the API, and no wait helps: no Retry-After.
  await submitLogin(page, email, PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(CAPPED);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  const refused = await apiLogin(request, email, PASSWORD);
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toBeUndefined();
  expect(await refused.json()).toEqual({ error: CAPPED, fields: {} });

  // One mail per cap, however many attempts follow. A reset mail asked for afterwards has
  // arrived before the count is read, so a second unlock mail would have had its time.
  const mail = await waitForMail(email, UNLOCK_SUBJECT, { after: capped });
  for (const password of [WRONG_PASSWORD, PASSWORD, WRONG_PASSWORD]) {
    expect((await apiLogin(request, email, password)).status()).toBe(429);
  }
  await askForResetLink(page, email);
  expect(unlockMails(email)).toHaveLength(1);

  // Opening the link changes nothing (a mail scanner may open it); the button does.
  const unlockLink = linkIn(mail, "/unlock");
  const opened = await page.goto(unlockLink);
  expect(opened?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByRole("main")).toContainText(email);
  expect((await apiLogin(request, email, PASSWORD)).status()).toBe(429);
  await page.getByRole("button", { name: "Allow logins again" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Logins are allowed again. You can log in with your password.");
  expect(await storedLoginCounters(email)).toEqual([]);

  await logIn(page, email);
  const types = (await storedAuthEvents(email)).map((event) => event.type);
  expect(types.filter((type) => ["login-capped", "login-unlocked"].includes(type))).toEqual(["login-capped", "login-unlocked"]);
  expect(types.at(-1)).toBe("login-succeeded");

  // Used up: a second visit says so, and points to the reset.
  await page.goto(unlockLink);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has already been used.");
  await expect(page.getByRole("main").getByRole("link", { name: "Reset your password" })).toHaveAttribute("href", "/forgot-password");
});

test("at the cap, an unknown email gets byte for byte the answer an account gets, and no mail", async ({ browser, request }) => {
  const existing = await existingUser();
  const unknown = uniqueEmail("nobody");
  await reachCap(request, existing);
  await reachCap(request, unknown);

  const account = await observable(await apiLogin(request, existing, PASSWORD));
  expect(account.status).toBe(429);
  expect(await observable(await apiLogin(request, unknown, PASSWORD))).toEqual(account);

  for (const javaScript of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    const forAccount = await capturedLoginAnswer(page, context, existing, PASSWORD, CAPPED);
    expect(await capturedLoginAnswer(page, context, unknown, PASSWORD, CAPPED), `JavaScript ${javaScript ? "on" : "off"}`).toEqual(forAccount);
    await context.close();
  }

  // The account's mail has arrived, so the unknown email's (which must not exist) had its chance.
  await waitForMail(existing, UNLOCK_SUBJECT);
  expect(mailsTo(unknown)).toEqual([]);
});

test("a password reset lifts the cap", async ({ page, request }) => {
  const email = await existingUser();
  await reachCap(request, email);
  expect((await apiLogin(request, email, PASSWORD)).status()).toBe(429);

  await page.goto(await askForResetLink(page, email));
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/account\/security\?notice=password-reset$/);

  expect(await storedLoginCounters(email)).toEqual([]);
  expect((await apiLogin(request, email, NEW_PASSWORD)).status()).toBe(200);
});

test("changing the password while signed in lifts the cap", async ({ page, request }) => {
  const email = await existingUser();
  await logIn(page, email); // a session from before the cap: the cap stops new password logins only
  await reachCap(request, email);

  await page.goto("/account/security");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password has been changed.");

  expect(await storedLoginCounters(email)).toEqual([]);
  expect((await apiLogin(request, email, NEW_PASSWORD)).status()).toBe(200);
});
