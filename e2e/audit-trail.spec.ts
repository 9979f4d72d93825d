import { allAuthEventText, storedAuthEvents, storedPasswordHash } from "./support/db";
import { otherDevice, sessionCookie } from "./support/sessions";
import { expect, test } from "./support/test";
import { PASSWORD, WRONG_PASSWORD, fillLogin, register, uniqueEmail } from "./support/users";
import { usersCli } from "./support/users-cli";

// The audit trail: what happened to an account, when and from where; shown to its owner.

const NEW_PASSWORD = "a completely different passphrase";

test("the security page shows the account's recent activity, newest first", async ({ page, browser }) => {
  const email = await register(page);
  // A failed login from a phone, then a successful one.
  const phone = await browser.newContext({ baseURL: test.info().project.use.baseURL, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1" });
  const phonePage = await phone.newPage();
  await phonePage.goto("/login");
  await fillLogin(phonePage, email, WRONG_PASSWORD);
  await phonePage.getByRole("button", { name: "Log in" }).click();
  await expect(phonePage.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");
  await phone.close();
  const laptop = await otherDevice(browser, email);

  await page.goto("/account/security");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password has been changed");

  await page.reload();
  const events = page.getByTestId("auth-event");
  await expect(events.locator("strong")).toHaveText(["Password changed", "Logged in", "Failed login", "Account created"]);
  await expect(events.filter({ hasText: "Password changed" })).toContainText("1 session ended");
  await expect(events.filter({ hasText: "Failed login" })).toContainText("Safari on iOS");
  await expect(events.filter({ hasText: "Account created" })).toContainText("Chrome on Windows");
  await expect(events.first()).toContainText(/\d+ \w+ \d{4}, \d\d:\d\d UTC/);
  await laptop.context().close();
});

test("each account sees only its own events", async ({ page, browser }) => {
  const mine = await register(page);
  const theirs = uniqueEmail("other");
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await register(await other.newPage(), theirs);
  await other.close();

  await page.goto("/account/security");
  await expect(page.getByTestId("auth-event")).toHaveCount(1);
  expect((await storedAuthEvents(mine)).map((event) => event.type)).toEqual(["registered"]);
  expect((await storedAuthEvents(theirs)).map((event) => event.type)).toEqual(["registered"]);
});

test("logout, sign-outs and the operator's commands are recorded too", async ({ page, browser }) => {
  const email = await register(page);
  const laptop = await otherDevice(browser, email);
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(page.getByRole("status")).toHaveText("All your other devices have been signed out.");
  await page.goto("/logout");
  await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
  expect(usersCli(["sign-out", email]).status).toBe(0);
  await laptop.context().close();

  const events = await storedAuthEvents(email);
  expect(events.map((event) => [event.type, event.detail])).toEqual([
    ["registered", ""],
    ["login-succeeded", ""],
    ["sessions-revoked", "1 session ended"],
    ["logged-out", ""],
    ["sessions-revoked", "By the operator; 0 sessions ended"],
  ]);
  expect(events.at(-1)).toMatchObject({ ip: "", device: "Operator command" });
});

test("the trail never holds a password, a hash or a session token", async ({ page }) => {
  const email = await register(page);
  const cookie = (await sessionCookie(page.context()))!.value;
  await page.goto("/logout");
  await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
  // Wait for the logout to land: navigating away at once could cancel its answer (and with it
  // the cleared cookie), and /login would then send the still-signed-in browser elsewhere.
  await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
  await fillLogin(page, email, WRONG_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");
  // A failed login for an address without an account: recorded, but not the address.
  const typo = uniqueEmail("typo");
  await fillLogin(page, typo, PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");

  const trail = await allAuthEventText();
  expect((await storedAuthEvents(email)).map((event) => event.type)).toEqual(["registered", "logged-out", "login-failed"]);
  for (const secret of [PASSWORD, WRONG_PASSWORD, (await storedPasswordHash(email))!, cookie, cookie.slice(0, 40), typo]) {
    expect(trail).not.toContain(secret);
  }
});
