import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { PASSWORD, markAddressConfirmed, uniqueEmail } from "./support/users";

// The customer's whole path, register → log out → log in → add to cart → checkout, with the
// keyboard alone: Tab to move, Enter or Space to act, typing to fill. No clicks, no fill().

/** The accessible name of the focused element, as far as a test needs it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return "(page)";
    const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    return (element.getAttribute("aria-label") ?? labelled ?? element.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

/** Presses Tab until the focused element is called `name`; fails if it is never reached. */
async function tabTo(page: Page, name: string | RegExp, limit = 60) {
  const matches = (text: string) => (typeof name === "string" ? text === name : name.test(text));
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const text = await focusedName(page);
    if (matches(text)) {
      // Whatever has the focus shows it.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline, `focus ring on ${text}`).not.toBe("none");
      return;
    }
    seen.push(text);
  }
  throw new Error(`Tab never reached ${String(name)}; it went through: ${seen.join(" | ")}`);
}

test("register, log out, log in, add to cart and check out with the keyboard alone", async ({ page }) => {
  const email = uniqueEmail("keys");
  await page.goto("/");
  await tabTo(page, "Register");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/register/);
  await tabTo(page, "Email");
  await page.keyboard.type(email);
  await tabTo(page, "Password");
  await page.keyboard.type(PASSWORD);
  await tabTo(page, "Repeat password");
  await page.keyboard.type(PASSWORD);
  await tabTo(page, "Create account");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await markAddressConfirmed(email); // as the mail's link would (e2e/email-confirmation.spec.ts)

  await tabTo(page, /^Log ?out$/);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  await tabTo(page, "Email");
  await page.keyboard.type(email);
  await tabTo(page, "Password");
  await page.keyboard.type(PASSWORD);
  await tabTo(page, "Log in");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toHaveText(email);

  await page.goto("/cookies");
  await tabTo(page, "Add Snickerdoodle to cart");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  await tabTo(page, /^Cart ?1 ?item$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cart/);
  await tabTo(page, "Go to checkout");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/checkout$/);
  await tabTo(page, "Place order");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Thank you! Your order is placed")).toBeVisible();
});
