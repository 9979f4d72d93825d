import { expect, test } from "./support/test";
import { setUserActive } from "./support/db";
import { loggedInCustomer } from "./support/users";

// Middleware only checks that a well-formed session token is present. These tests hand the
// server a token that middleware accepts but that must not open anything: the pages
// themselves (through lib/auth/guard/dal.ts) have to say no.

test("a valid token of a deactivated account opens nothing", async ({ page }) => {
  const email = await loggedInCustomer(page);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: `Welcome, ${email}!` })).toBeVisible();

  await setUserActive(email, false);
  try {
    for (const path of ["/account", "/checkout"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path)}&notice=session-expired$`));
    }
    await page.goto("/cookies");
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  } finally {
    await setUserActive(email, true);
  }
});

test("a forged session cookie is treated as no session", async ({ context, page, baseURL }) => {
  await context.addCookies([{ name: "authjs.session-token", value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged", url: baseURL ?? "" }]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await page.goto("/cookies");
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
});
