import { expect, test } from "./support/test";
import { existingUser, fillLogin, loggedInCustomer, uniqueEmail } from "./support/users";

test("checkout sends a logged-out visitor to log in, then back to checkout", async ({ page }) => {
  const email = await existingUser();

  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/login\?next=%2Fcheckout$/);

  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Ordering as ${email}`);
});

test("the account page greets the customer by email", async ({ page }) => {
  const email = await loggedInCustomer(page);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: `Welcome, ${email}!` })).toBeVisible();
});

test("a nested protected path and its query survive the trip through login", async ({ page }) => {
  const email = await existingUser();
  await page.goto("/account/orders?page=2");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount%2Forders%3Fpage%3D2$/);

  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account\/orders\?page=2$/);
});

test("registering from the login redirect also returns to checkout", async ({ page }) => {
  await page.goto("/checkout");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/register\?next=%2Fcheckout$/);
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("checkout"));
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
  await page.getByLabel("Repeat password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
});

for (const path of ["/checkout", "/account", "/admin", "/admin/cookies"]) {
  test(`middleware redirects an anonymous request for ${path} before any page runs`, async ({ request }) => {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toMatch(new RegExp(`/login\\?next=${encodeURIComponent(path)}$`));
  });
}
