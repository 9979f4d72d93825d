import { expect, test } from "./support/test";
import { loggedInCustomer } from "./support/users";

test("logging out from the header lands on the login page with a notice", async ({ page }) => {
  await loggedInCustomer(page);
  await page.goto("/cookies");
  await page.getByRole("button", { name: "Log out" }).click();

  await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
  await expect(page.getByRole("status")).toHaveText("You have been logged out.");
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
});

test("GET /logout only asks; the form on it logs out", async ({ page }) => {
  const email = await loggedInCustomer(page);

  await page.goto("/logout");
  await expect(page.getByRole("main")).toContainText(`You are logged in as ${email}`);
  // Visiting the page changed nothing: still logged in.
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: `Welcome, ${email}!` })).toBeVisible();

  await page.goto("/logout");
  await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?notice=logged-out$/);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("an unknown notice code shows nothing (no text is reflected from the URL)", async ({ page }) => {
  await page.goto("/login?notice=%3Cb%3Epwned%3C%2Fb%3E");
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("pwned");
});
