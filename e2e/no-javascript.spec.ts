import { expect, test } from "./support/test";
import { expectLoggedOut, otherDevice, sessionCookie } from "./support/sessions";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, fillRegistration, logIn, uniqueEmail } from "./support/users";

// Every auth flow is a plain HTML form posting to a server action, so it works without JS.
test.use({ javaScriptEnabled: false });

test("register, log out, fail a login, log in and reach checkout, all without JavaScript", async ({ page }) => {
  const email = uniqueEmail("nojs");

  await page.goto("/register");
  await expect(page.getByRole("button", { name: "Show password" })).toBeHidden();
  await fillRegistration(page, email, "short", "short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Use at least 12 characters");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);

  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/cookies$/);
  await expect(page.getByTestId("current-user")).toHaveText(email);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
  await expect(page.getByRole("status")).toHaveText("You have been logged out.");
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/login\?next=%2Fcheckout$/);
  await fillLogin(page, email, WRONG_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);

  await fillLogin(page, email, PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("main")).toContainText(`Ordering as ${email}`);

  await page.goto("/logout");
  await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
});

test("remember me, the session list and a password change work without JavaScript too", async ({ page, context, browser }) => {
  const email = await existingUser();
  const phone = await otherDevice(browser, email);

  await logIn(page, email, PASSWORD, { remember: true });
  expect((await sessionCookie(context))?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

  await page.goto("/account/security");
  await page.getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(page.getByRole("status")).toHaveText("All your other devices have been signed out.");
  await expectLoggedOut(phone);

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(`${PASSWORD} again`);
  await page.getByLabel("Repeat new password").fill(`${PASSWORD} again`);
  await page.getByRole("button", { name: "Change password" }).click();
  // The earlier notice is still in the URL; the form's own message comes with it.
  await expect(
    page.getByRole("status").filter({ hasText: "Your password has been changed." }),
  ).toHaveText("Your password has been changed. You have been signed out on every other device.");
  await phone.context().close();
});
