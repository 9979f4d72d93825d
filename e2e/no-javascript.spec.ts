import { expect, test } from "@playwright/test";
import { PASSWORD, WRONG_PASSWORD, fillLogin, fillRegistration, uniqueEmail } from "./support/users";

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
