import { mkdirSync } from "node:fs";
import path from "node:path";
import { devices } from "@playwright/test";
import { expect, test } from "./support/test";
import { addToCart, adminPage, placeOrder, storedCookie } from "./support/shop";

// Pictures of the main pages on a phone and a laptop, kept as test artifacts (attached to the
// report and written to test-results/screenshots/) for people to look at. They are not
// compared with anything: what they must contain is checked by the other specs.

const SIZES = {
  phone: { viewport: devices["iPhone 13"].viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  laptop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
};

for (const [size, options] of Object.entries(SIZES)) {
  test(`screenshots of the main pages on a ${size}`, async ({ browser }, testInfo) => {
    const { page } = await adminPage(browser, options);
    const directory = path.join(testInfo.project.outputDir, "screenshots");
    mkdirSync(directory, { recursive: true });
    const shoot = async (name: string) => {
      const body = await page.screenshot({ fullPage: true, path: path.join(directory, `${size}-${name}.png`) });
      await testInfo.attach(`${size}-${name}`, { body, contentType: "image/png" });
    };

    await page.goto("/");
    await shoot("home");
    await addToCart(page, "Chocolate Chip", 2);
    await addToCart(page, "Lemon Shortbread");
    await shoot("cookies");
    await page.goto("/cart");
    await shoot("cart");
    await page.goto("/checkout");
    await shoot("checkout");
    await placeOrder(page);
    await shoot("order-confirmation");
    await page.goto("/account/orders");
    await shoot("orders");
    await page.goto("/account/security");
    await shoot("account-security");
    await page.goto("/admin/cookies");
    await shoot("admin-catalog");
    await page.goto(`/admin/cookies/${(await storedCookie("Chocolate Chip"))!.id}`);
    await shoot("admin-edit");
    expect((await page.goto("/no-such-page"))?.status()).toBe(404);
    await shoot("not-found");

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByLabel("Email", { exact: true }).fill("someone@example.com");
    await page.getByLabel("Password", { exact: true }).fill("not the right one");
    await page.getByRole("main").getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");
    await shoot("login-error");
    await page.goto("/register");
    await shoot("register");
    await page.context().close();
  });
}
