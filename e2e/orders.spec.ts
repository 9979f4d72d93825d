import { expect, test } from "./support/test";
import { addToCart, ownCookie, placeOrder, renameCookie, retireCookie, setCookiePrice } from "./support/shop";
import { confirmedCustomer } from "./support/users";

test("order history lists a customer's own orders, newest first, with lines and totals", async ({ page }) => {
  await confirmedCustomer(page);
  await addToCart(page, "Chocolate Chip");
  const first = await placeOrder(page);
  await addToCart(page, "Snickerdoodle", 3);
  const second = await placeOrder(page);

  await page.goto("/account");
  await page.getByRole("link", { name: "Your orders" }).click();
  const orders = page.getByTestId("order");
  await expect(orders).toHaveCount(2);
  await expect(orders.nth(0).getByRole("link")).toHaveAttribute("href", `/account/orders/${second}`);
  await expect(orders.nth(0)).toContainText("Snickerdoodle");
  await expect(orders.nth(0).getByTestId("order-total")).toHaveText("€6.60");
  await expect(orders.nth(1).getByRole("link")).toHaveAttribute("href", `/account/orders/${first}`);
  await expect(orders.nth(1).getByTestId("order-total")).toHaveText("€2.50");
});

test("another customer's order, or one that does not exist, is 404", async ({ page, browser }) => {
  await confirmedCustomer(page);
  await addToCart(page, "Peanut Butter");
  const orderId = await placeOrder(page);

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await confirmedCustomer(otherPage);
  for (const id of [orderId, "no-such-order", "..%2F..%2Fadmin"]) {
    const response = await otherPage.goto(`/account/orders/${id}`);
    expect(response?.status()).toBe(404);
    await expect(otherPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(otherPage.getByText("Peanut Butter")).toHaveCount(0);
  }
  // An id no database could hold is refused before any lookup (see hostile-input.spec.ts).
  const malformed = await otherPage.goto("/account/orders/%00");
  expect(malformed?.status()).toBe(400);
  await expect(otherPage.getByText("Peanut Butter")).toHaveCount(0);
  await other.close();

  // A visitor is asked to log in first and told nothing about the order.
  const stranger = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(`/account/orders/${orderId}`);
  await expect(strangerPage).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(`/account/orders/${orderId}`)}$`));
  await stranger.close();
});

test("a past order keeps the name and price it was bought at, after the cookie changes or retires", async ({ page }) => {
  const name = await ownCookie("Seasonal", 310);
  await confirmedCustomer(page);
  await addToCart(page, name, 2);
  const orderId = await placeOrder(page);

  await setCookiePrice(name, 999);
  await retireCookie(name);
  await renameCookie(name, `${name} v2`);
  await page.goto(`/account/orders/${orderId}`);
  await expect(page.getByRole("row", { name: new RegExp(`^${name} `) })).toContainText("€3.102€6.20");
  await expect(page.getByTestId("order-total")).toHaveText("€6.20");
  await expect(page.getByText(`${name} v2`)).toHaveCount(0);
});
