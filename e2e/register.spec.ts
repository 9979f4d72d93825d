import { TEST_BCRYPT_COST } from "../playwright.config";
import { expect, test } from "./support/test";
import { countUsers, storedPasswordHash } from "./support/db";
import { PASSWORD, existingUser, fillLogin, fillRegistration, logIn, uniqueEmail } from "./support/users";

test("a new customer registers and lands logged in on the catalog", async ({ page }) => {
  const email = uniqueEmail();
  await page.goto("/register");
  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/cookies$/);
  await expect(page.getByRole("banner")).toContainText(`Logged in as ${email}`);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toHaveCount(0);
  // Stored as a bcrypt hash at the server's cost, never as the password itself. (That cost is
  // 12 wherever the site is reachable: lib/config/env.test.ts, e2e/startup-config.spec.ts.)
  expect(await storedPasswordHash(email)).toMatch(new RegExp(`^\\$2[aby]\\$${String(TEST_BCRYPT_COST).padStart(2, "0")}\\$`));
});

test("the email is stored normalized, so any spelling of it logs in", async ({ page }) => {
  const email = uniqueEmail("mixed");
  await page.goto("/register");
  await fillRegistration(page, `  ${email.toUpperCase()}  `);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);

  await page.context().clearCookies();
  await page.goto("/login");
  await fillLogin(page, email.replace("example", "ＥＸＡＭＰＬＥ")); // full-width letters fold under NFKC
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
});

test("registering an existing email is refused and the original password still works", async ({ page }) => {
  const email = await existingUser();
  const hashBefore = await storedPasswordHash(email);

  await page.goto("/register");
  await fillRegistration(page, email.toUpperCase(), "a different password entirely");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toContainText("An account with this email already exists");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email.toUpperCase());
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  expect(await storedPasswordHash(email)).toBe(hashBefore);
  expect(await countUsers(email)).toBe(1);

  await logIn(page, email, PASSWORD);
});

test("field errors appear beside the fields and in an announced summary; passwords are not kept", async ({ page }) => {
  await page.goto("/register");
  await fillRegistration(page, "not-an-email", "too short", "something else");
  await page.getByRole("button", { name: "Create account" }).click();

  const summary = page.getByRole("main").getByRole("alert");
  await expect(summary).toContainText("Please correct the highlighted fields.");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Email: Enter a valid email address/ })).toHaveAttribute("href", "#email");
  await expect(summary.getByRole("link", { name: /Password: Use at least 12 characters/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /Repeat password: The passwords do not match/ })).toBeVisible();

  const emailInput = page.getByLabel("Email", { exact: true });
  await expect(emailInput).toHaveValue("not-an-email");
  await expect(emailInput).toHaveAttribute("aria-invalid", "true");
  await expect(emailInput).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/Use at least 12 characters/);
  await expect(page.getByLabel("Repeat password")).toHaveValue("");
});

test("a password over bcrypt's 72 bytes is refused with a clear message, not truncated", async ({ page }) => {
  // Two bytes per letter in UTF-8: 36 letters are exactly 72 bytes, 37 are 74.
  const fits = "ελληνικάγράμματαστοπληκτρολόγιομουνα"; // 36 Greek letters
  expect(new TextEncoder().encode(fits).length).toBe(72);
  const tooLong = `${fits}ω`;
  await page.goto("/register");
  await fillRegistration(page, uniqueEmail(), tooLong);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Use at most 72 bytes");

  const email = uniqueEmail();
  await fillRegistration(page, email, fits);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
});

test("a common password is refused, with the reason, and no account is made", async ({ page }) => {
  const email = uniqueEmail();
  for (const [password, reason] of <[string, string][]>[
    ["password1234", "list of common passwords"],
    ["Sunshine2024!", "common password with numbers or symbols added"],
    ["abcabcabcabc", "repeats a short piece"],
    ["Cookie Shop rocks", "the shop's name"],
  ]) {
    await page.goto("/register");
    await fillRegistration(page, email, password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#password-error")).toContainText(reason);
  }
  expect(await countUsers(email)).toBe(0);
});

test("the password can be shown, and pasted", async ({ page, context }) => {
  await page.goto("/register");
  const password = page.getByLabel("Password", { exact: true });
  await password.fill(PASSWORD);
  await expect(password).toHaveAttribute("type", "password");

  const toggle = page.getByRole("button", { name: "Show password" }).first();
  await toggle.click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(page.getByRole("button", { name: "Hide password" }).first()).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Hide password" }).first().click();
  await expect(password).toHaveAttribute("type", "password");

  // Paste is not blocked: dispatch a real paste event with clipboard data.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const confirmation = page.getByLabel("Repeat password");
  await confirmation.focus();
  await page.evaluate(async (text) => navigator.clipboard.writeText(text), PASSWORD);
  await page.keyboard.press("ControlOrMeta+V");
  await expect(confirmation).toHaveValue(PASSWORD);
});

test("the submit button shows that the form is being sent", async ({ page }) => {
  await page.goto("/register");
  await fillRegistration(page, uniqueEmail());
  // Hold the form's POST for a moment so the pending state is certain to be on screen.
  await page.route("**/register*", async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Creating account…" })).toBeDisabled();
  await expect(page.getByTestId("current-user")).toBeVisible();
});
