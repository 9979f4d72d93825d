import type { Page } from "@playwright/test";
import { actionIdIn, formFields } from "./support/forms";
import { query } from "./support/db";
import { linkIn, waitForMail } from "./support/mail";
import { addToCart, placeOrder, storedOrders } from "./support/shop";
import { expect, test } from "./support/test";
import { confirmedCustomer, register } from "./support/users";

// A new account confirms its address through a mailed link before its first order; until
// then it can browse and fill its cart.

const CONFIRM_SUBJECT = /^Confirm your email address for Cookieshop$/;

async function isConfirmed(email: string): Promise<boolean> {
  const [row] = await query<{ emailVerified: Date | null }>('SELECT "emailVerified" FROM "User" WHERE "email" = ?', [email]);
  return Boolean(row?.emailVerified);
}

async function confirmWith(page: Page, link: string, email: string) {
  const response = await page.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByRole("main")).toContainText(`Confirm that ${email} is your address.`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Thank you! Your email address is confirmed.");
}

test("a new account gets a link, must confirm before ordering, and orders once confirmed", async ({ page }) => {
  const signedUp = Date.now();
  const email = await register(page);
  const first = linkIn(await waitForMail(email, CONFIRM_SUBJECT, { after: signedUp }), "/verify-email");

  // Browsing and the cart work as before; checkout asks for the confirmation instead.
  await addToCart(page, "Snickerdoodle");
  await page.goto("/checkout");
  await expect(page.getByTestId("confirm-address")).toContainText(`We sent a link to ${email}`);
  await expect(page.getByRole("button", { name: "Place order" })).toHaveCount(0);

  // "Send the link again": a new mail, and the first link stops working.
  const resent = Date.now();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page).toHaveURL(/\/checkout\?notice=link-sent$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("We have sent a new confirmation link. It works for 24 hours.");
  const second = linkIn(await waitForMail(email, CONFIRM_SUBJECT, { after: resent }), "/verify-email");
  expect(second).not.toBe(first);
  await page.goto(first);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has already been used.");

  // Opening the link confirms nothing by itself (a mail scanner may open it); the button does.
  await page.goto(second);
  expect(await isConfirmed(email)).toBe(false);
  await confirmWith(page, second, email);
  expect(await isConfirmed(email)).toBe(true);

  await page.goto("/account/security");
  await expect(page.locator('[data-testid="auth-event"][data-type="email-confirmed"]')).toHaveCount(1);
  const orderId = await placeOrder(page);
  expect((await storedOrders(email)).map((order) => order.id)).toEqual([orderId]);

  // Used up.
  await page.goto(second);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has already been used.");
});

test("an unconfirmed customer's hand-made checkout post orders nothing", async ({ page, browser }) => {
  // The form comes from a confirmed customer's page (an unconfirmed one is not shown it).
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await confirmedCustomer(otherPage);
  await addToCart(otherPage, "Gingerbread Friend");
  const fields = await formFields(otherPage, "/checkout", "Place order");
  await other.close();

  const email = await register(page);
  await addToCart(page, "Gingerbread Friend");
  // As a no-JavaScript form post, and as the page's JavaScript would send it.
  const plain = await page.request.post("/checkout", { multipart: Object.fromEntries(fields), maxRedirects: 0 });
  expect(plain.status()).toBe(303);
  expect(plain.headers().location).toBe("/checkout?notice=confirm-first");
  const scripted = await page.request.post("/checkout", {
    headers: { "Next-Action": actionIdIn(fields), Accept: "text/x-component" },
    multipart: Object.fromEntries(fields),
    maxRedirects: 0,
  });
  expect(scripted.status()).toBeLessThan(500);
  expect(await storedOrders(email)).toEqual([]);

  await page.goto("/checkout?notice=confirm-first");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Please confirm your email address before placing an order.");
});

test("the Security page shows an unconfirmed address with the button, and resending is throttled", async ({ page }) => {
  const email = await register(page);
  await waitForMail(email, CONFIRM_SUBJECT); // the signup's, so that it cannot count as a resend
  await page.goto("/account/security");
  await expect(page.getByTestId("unconfirmed")).toHaveText("Not confirmed yet");
  const resent = Date.now();
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "Send the link again" }).click();
    await expect(page).toHaveURL(/\/account\/security\?notice=link-sent$/);
  }
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page).toHaveURL(/\/account\/security\?notice=too-many-mails$/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("We have sent several links already");

  // Only the newest link works, and mail goes out after each answer: wait for all five.
  const link = linkIn(await waitForMail(email, CONFIRM_SUBJECT, { after: resent, count: 5 }), "/verify-email");
  await confirmWith(page, link, email);
  await page.goto("/account/security");
  await expect(page.getByTestId("unconfirmed")).toHaveCount(0);
  await expect(page.getByRole("main").getByText("Confirmed", { exact: true })).toBeVisible();
});

test("forged and malformed confirmation links get a clear message, and a forged post confirms nothing", async ({ page }) => {
  for (const path of ["/verify-email", "/verify-email?token=", `/verify-email?token=${"A".repeat(43)}`, "/verify-email?token=a&token=b"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has already been used.");
  }

  const email = await register(page);
  const link = linkIn(await waitForMail(email, CONFIRM_SUBJECT), "/verify-email");
  await page.goto(link);
  await page.locator('input[name="token"]').evaluate((input: HTMLInputElement) => (input.value = "B".repeat(43)));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(/\/verify-email\?notice=invalid-link$/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has already been used.");
  expect(await isConfirmed(email)).toBe(false);
});
