import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { formFields } from "./support/forms";
import { addToCart, expectCartCount, orderIdIn, ownCookie, placeOrder, setCookiePrice, storedCart, storedOrders } from "./support/shop";
import { linkIn, waitForMail } from "./support/mail";
import { confirmedCustomer, fillLogin, fillRegistration, uniqueEmail } from "./support/users";

test("a customer places an order and sees it confirmed, the cart emptied and the order in their history", async ({ page }) => {
  const email = await confirmedCustomer(page);
  await addToCart(page, "Chocolate Chip", 2);
  await addToCart(page, "Lemon Shortbread");

  await page.goto("/checkout");
  const table = page.getByRole("table", { name: "Your order" });
  await expect(table.getByRole("row", { name: /Chocolate Chip/ })).toContainText("€2.502€5.00");
  await expect(page.getByTestId("order-total")).toHaveText("€7.60");
  await page.getByRole("button", { name: "Place order" }).click();

  await expect(page.getByRole("main").getByRole("status")).toHaveText("Thank you! Your order is placed and we have started baking.");
  await expect(page.getByTestId("order-total")).toHaveText("€7.60");
  await expectCartCount(page, 0);
  expect(await storedCart(email)).toEqual([]);
  expect(await storedOrders(email)).toEqual([
    {
      id: orderIdIn(page.url()),
      totalCents: 760,
      lines: [
        { name: "Chocolate Chip", priceCents: 250, quantity: 2 },
        { name: "Lemon Shortbread", priceCents: 260, quantity: 1 },
      ],
    },
  ]);

  await page.goto("/account/orders");
  await expect(page.getByTestId("order")).toHaveCount(1);
  await expect(page.getByTestId("order").getByTestId("order-total")).toHaveText("€7.60");
});

test("checkout asks a visitor to log in and brings them back to their cart", async ({ page, browser }) => {
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const email = await confirmedCustomer(await other.newPage());
  await other.close();

  await addToCart(page, "Snickerdoodle", 2);
  await page.goto("/cart");
  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fcheckout$/);
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("order-total")).toHaveText("€4.40");
});

test("a replayed checkout post makes one order, however often and however fast it is sent", async ({ page }) => {
  const email = await confirmedCustomer(page);
  await addToCart(page, "Peanut Butter");
  const fields = Object.fromEntries(await formFields(page, "/checkout", "Place order"));
  const post = () => page.request.post("/checkout", { multipart: fields, maxRedirects: 0 });

  const responses = await Promise.all([post(), post(), post(), post(), post()]);
  responses.push(await post());
  const orders = await storedOrders(email);
  expect(orders).toHaveLength(1);
  for (const response of responses) {
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe(`/account/orders/${orders[0]!.id}?notice=order-placed`);
  }
});

test("a double click without JavaScript, and the back button after ordering, still make one order", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  const email = await confirmedCustomer(page);
  await addToCart(page, "Double Chocolate", 2);
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).dblclick();
  await expect(page.getByText("Thank you! Your order is placed")).toBeVisible();

  await page.goBack();
  const again = page.getByRole("button", { name: "Place order" });
  if (await again.isVisible()) await again.click(); // a page restored from cache still carries the old key
  expect(await storedOrders(email)).toHaveLength(1);
  await context.close();
});

test("an empty cart cannot be ordered, even by a hand-made post", async ({ page }) => {
  const email = await confirmedCustomer(page);
  await addToCart(page, "Oatmeal Raisin");
  const fields = Object.fromEntries(await formFields(page, "/checkout", "Place order"));
  await page.goto("/cart");
  await page.getByRole("button", { name: "Remove Oatmeal Raisin" }).click();
  await expectCartCount(page, 0);

  for (const checkoutKey of [fields.checkoutKey!, randomBytes(16).toString("base64url")]) {
    const response = await page.request.post("/checkout", { multipart: { ...fields, checkoutKey }, maxRedirects: 0 });
    expect(response.headers().location).toBe("/checkout?notice=empty-cart");
  }
  expect(await storedOrders(email)).toEqual([]);
  await page.goto("/checkout?notice=empty-cart");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your cart is empty, so there is nothing to order.");
  await expect(page.getByRole("button", { name: "Place order" })).toHaveCount(0);
});

test("an order is refused when the cart's total changed after the customer saw it", async ({ page }) => {
  const name = await ownCookie("Price change", 300);
  const email = await confirmedCustomer(page);
  await addToCart(page, name, 2);
  await page.goto("/checkout");
  await expect(page.getByTestId("order-total")).toHaveText("€6.00");

  await setCookiePrice(name, 350); // staff change the price while the customer looks at the page
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Your cart changed since you opened this page");
  await expect(page.getByTestId("order-total")).toHaveText("€7.00");
  expect(await storedOrders(email)).toEqual([]);

  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Thank you! Your order is placed")).toBeVisible();
  expect((await storedOrders(email)).map((order) => order.totalCents)).toEqual([700]);
});

test("a logged-out visitor's checkout post is sent to log in and orders nothing", async ({ page, browser }) => {
  const email = await confirmedCustomer(page);
  await addToCart(page, "Chocolate Chip");
  const fields = Object.fromEntries(await formFields(page, "/checkout", "Place order"));
  const stranger = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const response = await stranger.request.post("/checkout", { multipart: fields, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toMatch(/^\/login\?next=%2Fcheckout/);
  expect(await storedOrders(email)).toEqual([]);
  await stranger.close();
});

test("cart, registration and checkout work with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await addToCart(page, "Lemon Shortbread", 2);
  await page.goto("/cart");
  await page.getByLabel("Quantity of Lemon Shortbread").fill("3");
  await page.getByRole("button", { name: "Update Lemon Shortbread" }).click();
  await expectCartCount(page, 3);

  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fcheckout$/);
  await page.getByRole("link", { name: "Create an account" }).click();
  const email = uniqueEmail();
  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("order-total")).toHaveText("€7.80");

  // An order needs a confirmed address; the mail's link and its button work without JavaScript too.
  await expect(page.getByTestId("confirm-address")).toBeVisible();
  await page.goto(linkIn(await waitForMail(email, /Confirm your email address/), "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Thank you! Your email address is confirmed.");

  const orderId = await placeOrder(page);
  expect((await storedOrders(email)).map((order) => order.id)).toEqual([orderId]);
  await context.close();
});
