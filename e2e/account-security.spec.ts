import { CURRENT_PASSWORD_CHECKS_PER_USER, CURRENT_PASSWORD_WINDOW_SECONDS } from "../lib/auth/throttle/policies";
import { expect, test } from "./support/test";
import { storedAuthEvents, storedPasswordHash, storedSessions } from "./support/db";
import { expectLoggedIn, expectLoggedOut, otherDevice } from "./support/sessions";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, loggedInCustomer } from "./support/users";

const NEW_PASSWORD = "a completely different passphrase";

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

test("the security page lists every device, marks this one, and says what each is", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email, PASSWORD, { userAgent: IPHONE_SAFARI });

  await page.goto("/account");
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
  // Playwright's desktop Chrome announces itself as Chrome on Windows.
  await expect(sessions.filter({ hasText: "This device" })).toContainText("Chrome on Windows");
  const other = sessions.filter({ hasNotText: "This device" });
  await expect(other).toContainText("Safari on iOS");
  await expect(other.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  for (const session of await sessions.all()) {
    await expect(session).toContainText(/Logged in \d+ \w+ \d{4}, \d\d:\d\d UTC, last active \d+ \w+ \d{4}, \d\d:\d\d UTC/);
  }
  await phone.context().close();
});

test("“Sign out all other devices” logs the other browser out and keeps this one", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);

  await page.goto("/account/security");
  await page.getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(page.getByRole("status")).toHaveText("All your other devices have been signed out.");
  await expect(page.getByTestId("session")).toHaveCount(1);

  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/login\?next=%2Faccount&notice=session-expired$/);
  await expect(phone.getByRole("status")).toHaveText("Your session has expired. Please log in again.");
  await expectLoggedIn(page, email);
  await phone.context().close();
});

test("“Sign out” beside one session ends that session only", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const laptop = await otherDevice(browser, email);
  const laptopSessionId = (await storedSessions(email)).at(-1)?.id ?? "";
  const phone = await otherDevice(browser, email);

  await page.goto("/account/security");
  await page
    .getByTestId("session")
    .filter({ has: page.locator(`input[name="sessionId"][value="${laptopSessionId}"]`) })
    .getByRole("button", { name: "Sign out" })
    .click();
  await expect(page.getByRole("status")).toHaveText("That device has been signed out.");
  await expect(page.getByTestId("session")).toHaveCount(2);

  await expectLoggedOut(laptop);
  await expectLoggedIn(phone, email);
  await laptop.context().close();
  await phone.context().close();
});

async function changePassword(page: import("@playwright/test").Page, current: string, next: string, confirmation = next) {
  await page.goto("/account/security");
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Repeat new password").fill(confirmation);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("a wrong current password changes nothing", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);
  const hashBefore = await storedPasswordHash(email);

  await changePassword(page, WRONG_PASSWORD, NEW_PASSWORD);
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Your password was not changed.");
  await expect(alert).toContainText("Current password: The current password is not right.");

  expect(await storedPasswordHash(email)).toBe(hashBefore);
  await expectLoggedIn(phone, email);
  await phone.context().close();
});

test(`guessing the current password stops after ${CURRENT_PASSWORD_CHECKS_PER_USER} tries, even the right one, and every guess is listed`, async ({
  page,
  browser,
}) => {
  // Whoever has a stolen session cookie is at this form; the owner's other device stays logged in.
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);
  const hashBefore = await storedPasswordHash(email);
  const alert = page.getByRole("main").getByRole("alert");

  for (let i = 0; i < CURRENT_PASSWORD_CHECKS_PER_USER; i++) {
    await changePassword(page, `${WRONG_PASSWORD} ${i}`, NEW_PASSWORD);
    await expect(alert).toContainText("Current password: The current password is not right.");
  }
  const refused = `Too many attempts, try again in ${CURRENT_PASSWORD_WINDOW_SECONDS / 60} minutes.`;
  await changePassword(page, `${WRONG_PASSWORD} once more`, NEW_PASSWORD);
  await expect(alert).toHaveText(refused);
  await changePassword(page, PASSWORD, NEW_PASSWORD);
  await expect(alert).toHaveText(refused);

  expect(await storedPasswordHash(email)).toBe(hashBefore);
  await expectLoggedIn(phone, email);
  await page.goto("/account/security");
  const guesses = page.getByTestId("auth-event").filter({ hasText: "Wrong current password entered" });
  await expect(guesses).toHaveCount(CURRENT_PASSWORD_CHECKS_PER_USER);
  await expect(guesses.first()).toContainText("when changing the password");
  const stored = await storedAuthEvents(email);
  expect(stored.filter((event) => event.type === "current-password-wrong")).toHaveLength(CURRENT_PASSWORD_CHECKS_PER_USER);
  expect(stored.map((event) => event.type)).not.toContain("password-changed");
  await phone.context().close();
});

test("a new password is held to the registration policy", async ({ page }) => {
  const email = await loggedInCustomer(page);
  const hashBefore = await storedPasswordHash(email);
  await changePassword(page, PASSWORD, "too short", "too short");
  await expect(page.locator("#newPassword-error")).toHaveText("Use at least 12 characters.");
  await changePassword(page, PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
  await expect(page.locator("#newPasswordConfirmation-error")).toHaveText("The new passwords do not match.");
  await changePassword(page, PASSWORD, "Password1234!");
  await expect(page.locator("#newPassword-error")).toContainText("common password");
  const name = email.split("@")[0]!;
  await changePassword(page, PASSWORD, `${name} is my password`);
  await expect(page.locator("#newPassword-error")).toContainText("your email address");
  expect(await storedPasswordHash(email)).toBe(hashBefore);
});

test("changing the password signs out the other devices, keeps this one, and only the new password works", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);

  await changePassword(page, PASSWORD, NEW_PASSWORD);
  await expect(page.getByRole("status")).toHaveText(
    "Your password has been changed. You have been signed out on every other device.",
  );
  await expect(page.getByTestId("session")).toHaveCount(1);
  await expectLoggedIn(page, email);
  await expectLoggedOut(phone);

  await phone.goto("/login");
  await fillLogin(phone, email, PASSWORD);
  await phone.getByRole("button", { name: "Log in" }).click();
  await expect(phone.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await fillLogin(phone, email, NEW_PASSWORD);
  await phone.getByRole("button", { name: "Log in" }).click();
  await expect(phone.getByTestId("current-user")).toHaveText(email);
  await phone.context().close();
});

test("a “Sign out” post that names someone else's session changes nothing", async ({ page, browser }) => {
  const victim = await existingUser();
  const victimDevice = await otherDevice(browser, victim);
  const victimSessionId = (await storedSessions(victim)).at(-1)?.id ?? "";
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);

  await page.goto("/account/security");
  // The form is the attacker's own; they rewrite the id it posts.
  await page.locator('input[name="sessionId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), victimSessionId);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/security\?notice=signed-out-one$/);

  expect((await storedSessions(victim)).map((session) => session.id)).toContain(victimSessionId);
  await expect(page.getByTestId("session")).toHaveCount(2); // the attacker's own sessions are untouched too
  await phone.context().close();
  await victimDevice.context().close();
});
