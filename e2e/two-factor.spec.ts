import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { storedAuthEvents, storedSessions } from "./support/db";
import { linkIn, waitForMail } from "./support/mail";
import { adminPage } from "./support/shop";
import { expect, test } from "./support/test";
import { appCode, enableTwoFactor, enrolThroughPage, enterSecondFactor, wrongCodeNow } from "./support/two-factor";
import { PASSWORD, createAccount, fillLogin, loggedInCustomer } from "./support/users";

// Two-factor login, as a customer and an attacker meet it: setting it up on the Security page,
// logging in with a code or a recovery code, and what must not get round it.

const SECOND_FACTOR_FAILED = "That code did not work. Enter the current code from your app, or an unused recovery code.";

async function passwordStep(page: Page, email: string, { next, remember = false }: { next?: string; remember?: boolean } = {}) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await fillLogin(page, email);
  await page.getByLabel("Remember me").setChecked(remember);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor$/);
}

async function blockingViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? "")).map((violation) => violation.id);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a customer turns two-factor on with a code from the secret shown, then logs in with password and code; a used code is refused", async ({
      page,
    }) => {
      const email = await loggedInCustomer(page);
      const { secret, recoveryCodes, usedCode } = await enrolThroughPage(page, PASSWORD);
      expect(recoveryCodes).toHaveLength(10);
      await page.goto("/account/security");
      await expect(page.locator("#two-factor")).toContainText("Two-factor login is on");
      await expect(page.getByTestId("recovery-codes-left")).toHaveText("10");
      await waitForMail(email, /^Two-factor login is on for your Cookieshop account$/);
      expect((await storedAuthEvents(email)).map((event) => event.type)).toContain("two-factor-enabled");

      await page.context().clearCookies();
      const sessionsBefore = (await storedSessions(email)).length;
      await passwordStep(page, email, { next: "/account/orders" });
      expect(await storedSessions(email)).toHaveLength(sessionsBefore); // the right password alone opened nothing
      // The code that turned it on is used, and so is its 30-second step.
      await enterSecondFactor(page, usedCode);
      await expect(page.getByRole("alert").first()).toContainText(SECOND_FACTOR_FAILED);
      await enterSecondFactor(page, appCode(secret, 1));
      await expect(page).toHaveURL(/\/account\/orders$/);
      await expect(page.getByTestId("current-user")).toHaveText(email);
    });
  });
}

test("a wrong code is refused with one message, and a recovery code works once", async ({ page }) => {
  const email = await createAccount();
  const { secret, recoveryCodes } = await enableTwoFactor(email);
  await passwordStep(page, email);
  await enterSecondFactor(page, wrongCodeNow(secret));
  await expect(page.getByRole("alert").first()).toContainText(SECOND_FACTOR_FAILED);
  await enterSecondFactor(page, recoveryCodes[0]!);
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await waitForMail(email, /^A recovery code was used to log in to your Cookieshop account$/);

  await page.context().clearCookies();
  await passwordStep(page, email);
  await enterSecondFactor(page, recoveryCodes[0]!);
  await expect(page.getByRole("alert").first()).toContainText(SECOND_FACTOR_FAILED);
  const types = (await storedAuthEvents(email)).map((event) => event.type);
  expect(types).toEqual(expect.arrayContaining(["recovery-code-used", "two-factor-failed"]));
});

test("a challenge ends after five wrong codes, and the two-factor page without one sends the visitor to log in", async ({ page }) => {
  const email = await createAccount();
  const { secret } = await enableTwoFactor(email);
  await passwordStep(page, email);
  const failures = async () => (await storedAuthEvents(email)).filter((event) => event.type === "two-factor-failed").length;
  for (let i = 1; i <= 4; i++) {
    await enterSecondFactor(page, wrongCodeNow(secret));
    // The answer is in once the form is reset (the alert looks the same each time), and counted.
    await expect(page.getByLabel("Code", { exact: true })).toHaveValue("");
    await expect.poll(failures).toBe(i);
    await expect(page.getByRole("alert").first()).toContainText(SECOND_FACTOR_FAILED);
  }
  await enterSecondFactor(page, wrongCodeNow(secret));
  await expect(page).toHaveURL(/\/login\?notice=two-factor-expired$/);
  await page.goto("/login/two-factor");
  await expect(page).toHaveURL(/\/login\?notice=two-factor-expired$/);
  expect(await storedSessions(email)).toHaveLength(0);
  // A right code for the ended challenge is no use either: only a new login starts another.
  await passwordStep(page, email);
  await enterSecondFactor(page, appCode(secret));
  await expect(page.getByTestId("current-user")).toHaveText(email);
});

test("“Remember me” is carried through the second step", async ({ page }) => {
  const email = await createAccount();
  const { secret } = await enableTwoFactor(email);
  await passwordStep(page, email, { remember: true });
  await enterSecondFactor(page, appCode(secret));
  await expect(page.getByTestId("current-user")).toHaveText(email);
  expect((await storedSessions(email))[0]?.remember).toBe(true);
});

test("a password reset does not get round the second factor: it signs nobody in, and the next login still asks for a code", async ({
  page,
}) => {
  const email = await createAccount();
  const { secret } = await enableTwoFactor(email);
  const asked = Date.now();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  const link = linkIn(await waitForMail(email, /^Reset your Cookieshop password$/, { after: asked }), "/reset-password");
  await page.goto(link);
  const newPassword = "a brand new passphrase for cookies";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat new password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-reset-two-factor$/);
  expect(await storedSessions(email)).toHaveLength(0);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?/);

  await page.goto("/login");
  await fillLogin(page, email, newPassword);
  await page.getByRole("button", { name: "Log in" }).click();
  await enterSecondFactor(page, appCode(secret));
  await expect(page.getByTestId("current-user")).toHaveText(email);
});

test("staff pages and staff posts need an admin with two-factor on", async ({ page }) => {
  await loggedInCustomer(page, { role: "admin" });
  await page.goto("/admin/cookies");
  await expect(page).toHaveURL(/\/account\/security\?notice=staff-need-two-factor/);
  await expect(page.getByRole("alert").filter({ hasText: "Staff accounts need two-factor login" })).toBeVisible();
  const post = await page.request.post("/admin/cookies/retire", { form: { cookieId: "cabc", retired: "1" } });
  expect(post.status()).toBe(403);
  expect(await post.text()).toContain("staff accounts need two-factor login");
});

test("an admin with two-factor on opens the staff pages", async ({ browser }) => {
  const { page } = await adminPage(browser);
  await page.goto("/admin/cookies");
  await expect(page).toHaveURL(/\/admin\/cookies$/);
  await page.context().close();
});

test("turning it off and making new recovery codes need the password and a code, and each is mailed", async ({ page }) => {
  const email = await loggedInCustomer(page);
  const { secret, recoveryCodes } = await enableTwoFactor(email);
  await page.goto("/account/security");
  const section = page.locator("#two-factor");

  const newCodes = section.locator("form").filter({ has: page.getByRole("button", { name: "Make new recovery codes" }) });
  await newCodes.getByLabel("Password, to confirm it is you").fill("not the password at all");
  await newCodes.getByLabel("Code from the app").fill(appCode(secret));
  await newCodes.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(section.getByRole("alert").first()).toContainText("The password is not right.");
  await newCodes.getByLabel("Password, to confirm it is you").fill(PASSWORD);
  await newCodes.getByLabel("Code from the app").fill(appCode(secret));
  await newCodes.getByRole("button", { name: "Make new recovery codes" }).click();
  const freshItems = section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(freshItems).toHaveCount(10);
  const fresh = await freshItems.allInnerTexts();
  expect(fresh).not.toContain(recoveryCodes[0]);
  await waitForMail(email, /^New recovery codes for your Cookieshop account$/);

  await page.goto("/account/security");
  const off = section.locator("form").filter({ has: page.getByRole("button", { name: "Turn off two-factor login" }) });
  await off.getByLabel("Password, to confirm it is you").fill(PASSWORD);
  await off.getByLabel("Code from the app, or a recovery code").fill(recoveryCodes[0]!); // void now
  await off.getByRole("button", { name: "Turn off two-factor login" }).click();
  await expect(section.getByRole("alert").first()).toContainText("That code did not work");
  await off.getByLabel("Password, to confirm it is you").fill(PASSWORD);
  await off.getByLabel("Code from the app, or a recovery code").fill(fresh[0]!);
  await off.getByRole("button", { name: "Turn off two-factor login" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Two-factor login is off.");
  await waitForMail(email, /^Two-factor login is off for your Cookieshop account$/);
  expect((await storedAuthEvents(email)).map((event) => event.type)).toEqual(
    expect.arrayContaining(["recovery-codes-regenerated", "two-factor-disabled"]),
  );

  await page.context().clearCookies();
  await page.goto("/login");
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email); // the password alone again
});

test("the new pages pass axe: setup with its QR code, the recovery codes, the second step", async ({ page }) => {
  const email = await loggedInCustomer(page);
  await page.goto("/account/security");
  const section = page.locator("#two-factor");
  await section.getByLabel("Password, to confirm it is you").fill(PASSWORD);
  await section.getByRole("button", { name: "Set up two-factor login" }).click();
  await expect(section.getByRole("img", { name: /QR code/ })).toBeVisible();
  expect(await blockingViolations(page), "setup").toEqual([]);
  const secret = (await section.getByTestId("two-factor-secret").innerText()).replace(/\s/g, "");
  await section.getByLabel("Code from the app").fill(appCode(secret));
  await section.getByRole("button", { name: "Turn on two-factor login" }).click();
  await expect(section.getByRole("list", { name: "Recovery codes" })).toBeVisible();
  expect(await blockingViolations(page), "recovery codes").toEqual([]);

  await page.context().clearCookies();
  await passwordStep(page, email);
  expect(await blockingViolations(page), "second step").toEqual([]);
  await enterSecondFactor(page, "not a code");
  await expect(page.getByRole("alert").first()).toBeVisible();
  expect(await blockingViolations(page), "second step with an error").toEqual([]);
});
