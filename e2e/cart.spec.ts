import { expect, test } from "./support/test";
import { formFields } from "./support/forms";
import { addToCart, expectCartCount, ownCookie, retireCookie, storedCart, storedCookie } from "./support/shop";
import { logIn, register, uniqueEmail } from "./support/users";

const CART_COOKIE = "cart";

test("a visitor fills a cart, changes a quantity and removes a line; the header counts the items", async ({ page, context }) => {
  await page.goto("/cookies");
  await expectCartCount(page, 0);
  await addToCart(page, "Chocolate Chip", 2);
  await addToCart(page, "Snickerdoodle");
  await expectCartCount(page, 3);

  await page.getByRole("link", { name: /^Cart/ }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("cart-total")).toHaveText("€7.20"); // 2 × 2.50 + 2.20

  await page.getByLabel("Quantity of Snickerdoodle").fill("4");
  await page.getByRole("button", { name: "Update Snickerdoodle" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your cart has been updated.");
  await expectCartCount(page, 6);
  await expect(page.getByTestId("cart-total")).toHaveText("€13.80");

  await page.getByRole("button", { name: "Remove Chocolate Chip" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Removed from your cart.");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expectCartCount(page, 4);

  // The visitor's cart is a cookie of ids and quantities: no prices, no names, not readable by scripts.
  const cart = (await context.cookies()).find((cookie) => cookie.name === CART_COOKIE);
  expect(cart?.httpOnly).toBe(true);
  expect(cart?.sameSite).toBe("Lax");
  expect(decodeURIComponent(cart?.value ?? "")).toMatch(/^[a-z0-9]+:4$/);
});

test("the visitor's cart joins the account's cart at login", async ({ page, browser }) => {
  // An account that already has two Chocolate Chip in its cart, from another device.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  const email = await register(otherPage);
  await addToCart(otherPage, "Chocolate Chip", 2);
  await other.close();

  await addToCart(page, "Chocolate Chip");
  await addToCart(page, "Lemon Shortbread");
  await logIn(page, email);
  await expectCartCount(page, 4);
  expect(await storedCart(email)).toEqual([
    { name: "Chocolate Chip", quantity: 3 },
    { name: "Lemon Shortbread", quantity: 1 },
  ]);
  expect((await page.context().cookies()).some((cookie) => cookie.name === CART_COOKIE)).toBe(false);

  // Logging out leaves the account's cart in the account, not in the browser.
  await page.getByRole("button", { name: "Log out" }).click();
  await expectCartCount(page, 0);
});

test("the visitor's cart joins the new account at registration", async ({ page }) => {
  await addToCart(page, "Peanut Butter", 2);
  const email = await register(page, uniqueEmail());
  await expectCartCount(page, 2);
  expect(await storedCart(email)).toEqual([{ name: "Peanut Butter", quantity: 2 }]);
});

test("a signed-in customer's cart follows them to another device", async ({ page, browser }) => {
  const email = await register(page);
  await addToCart(page, "Oatmeal Raisin", 3);
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await logIn(otherPage, email);
  await expectCartCount(otherPage, 3);
  await other.close();
});

test("a hand-edited cart cookie can only name cookies on sale, in allowed quantities, and never sets a price", async ({ page, context, baseURL }) => {
  const retired = await ownCookie("Retired");
  const chocolate = (await storedCookie("Chocolate Chip"))!;
  const retiredId = (await storedCookie(retired))!.id;
  await retireCookie(retired);

  const value = [`${chocolate.id}:999`, "garbage", "zzz:5", `${retiredId}:2`, `${chocolate.id}:-1`, "x:y:z", `${chocolate.id}:1e2`].join("|");
  await context.addCookies([{ name: CART_COOKIE, value, url: baseURL! }]);
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByLabel("Quantity of Chocolate Chip")).toHaveValue("24"); // capped
  await expect(page.getByTestId("cart-total")).toHaveText("€60.00"); // the catalog's price

  for (const junk of ["%%%", "a".repeat(4000), "", "__proto__:1"]) {
    await context.addCookies([{ name: CART_COOKIE, value: junk, url: baseURL! }]);
    const response = await page.goto("/cart");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
  }
});

test("a retired cookie cannot be added to a cart, even by a hand-made post", async ({ page, request }) => {
  const name = await ownCookie("Soon retired");
  const fields = await formFields(page, "/cookies", `Add ${name} to cart`);
  const { id } = (await storedCookie(name))!;
  await retireCookie(name);

  const response = await request.post("/cookies", { multipart: Object.fromEntries(fields), maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toContain("notice=not-on-sale");
  await page.goto("/cookies");
  await expect(page.getByRole("button", { name: `Add ${name} to cart` })).toHaveCount(0);
  await expectCartCount(page, 0);
});

test("quantities outside 0 to 24 are refused with a message and change nothing", async ({ page }) => {
  await addToCart(page, "Snickerdoodle");
  const fields = Object.fromEntries(await formFields(page, "/cart", "Update Snickerdoodle"));
  for (const quantity of ["25", "-1", "2.5", "1e1", "lots", ""]) {
    // Sent by hand: the browser's own checks on the number field never run.
    const response = await page.request.post("/cart", { multipart: { ...fields, quantity }, maxRedirects: 0 });
    expect(response.headers().location).toBe("/cart?notice=invalid-quantity");
  }
  await page.goto("/cart?notice=invalid-quantity");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Enter a quantity from 0 to 24; 0 removes the cookie.");
  await expect(page.getByLabel("Quantity of Snickerdoodle")).toHaveValue("1");
  await expectCartCount(page, 1);
});

test("behind a TLS proxy the cart cookie is Secure; over plain HTTP it is not", async ({ page }) => {
  const fields = Object.fromEntries(await formFields(page, "/cookies", "Add Chocolate Chip to cart"));
  const cartCookieVia = async (headers: Record<string, string>) => {
    const response = await page.request.post("/cookies", { multipart: fields, headers, maxRedirects: 0 });
    return (await response.headersArray()).find(({ name, value }) => name.toLowerCase() === "set-cookie" && value.startsWith(`${CART_COOKIE}=`))?.value ?? "";
  };
  expect(await cartCookieVia({ "x-forwarded-proto": "https" })).toMatch(/;\s*Secure/i);
  const plain = await cartCookieVia({});
  expect(plain).toMatch(/;\s*HttpOnly/i);
  expect(plain).not.toMatch(/;\s*Secure/i);
});
