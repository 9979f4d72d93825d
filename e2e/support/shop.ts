import { randomBytes } from "node:crypto";
import { type APIRequestContext, type Browser, type BrowserContextOptions, type Page, expect, test } from "@playwright/test";
import { query, run } from "./db";
import { formFields } from "./forms";
import { loggedInCustomer } from "./users";
import { enableTwoFactor } from "./two-factor";

/** The shop as a customer uses it, and the rows it leaves behind. Test code only. */

export async function addToCart(page: Page, cookieName: string, times = 1) {
  await page.goto("/cookies");
  const count = Number(await page.getByTestId("cart-count").textContent());
  for (let i = 1; i <= times; i++) {
    await page.getByRole("button", { name: `Add ${cookieName} to cart` }).click();
    await expectCartCount(page, count + i);
  }
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Added to your cart.");
}

export async function expectCartCount(page: Page, count: number) {
  await expect(page.getByTestId("cart-count")).toHaveText(String(count));
}

/** Places the order for what is in the cart and returns the new order's id. */
export async function placeOrder(page: Page): Promise<string> {
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Thank you! Your order is placed")).toBeVisible();
  return orderIdIn(page.url());
}

export function orderIdIn(url: string): string {
  const id = new URL(url).pathname.match(/^\/account\/orders\/([^/]+)$/)?.[1];
  if (!id) throw new Error(`not an order page: ${url}`);
  return id;
}

/** A page logged in as a new admin (made with the operator's CLI, the only way to become one), with a confirmed address. */
export async function adminPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, ...options });
  const page = await context.newPage();
  // The role and the second factor staff need set in the database; the operator's grant-admin
  // is tested in e2e/users-cli.spec.ts, setting two-factor up in e2e/two-factor.spec.ts.
  const email = await loggedInCustomer(page, { confirmed: true, role: "admin" });
  await enableTwoFactor(email);
  return { page, email };
}

/** What an admin's browser sends for each catalog form, captured from the admin's pages. */
export async function adminForms(page: Page) {
  const target = await ownCookie("Target");
  const { id } = (await storedCookie(target))!;
  const forms: Record<string, { path: string; fields: Record<string, string> }> = {};
  for (const [kind, pagePath, button] of [
    ["add", "/admin/cookies/new", "Add cookie"],
    ["edit", `/admin/cookies/${id}`, "Save changes"],
    ["retire", "/admin/cookies", `Retire ${target}`],
  ] as const) {
    const fields = Object.fromEntries(await formFields(page, pagePath, button));
    const path = await page.getByRole("main").getByRole("button", { name: button }).evaluate((element) => (element as HTMLButtonElement).form!.getAttribute("action")!);
    forms[kind] = { path, fields: kind === "retire" ? fields : { ...fields, name: "Free cookies", price: "0.01" } };
  }
  forms.restore = { path: "/admin/cookies/restore", fields: forms.retire!.fields };
  return { target, forms };
}

/** Each form, sent by hand: as a browser form post, and as a script would send it. */
export async function sendAdminForms(request: APIRequestContext, forms: Record<string, { path: string; fields: Record<string, string> }>) {
  const responses = [];
  for (const { path, fields } of Object.values(forms)) {
    responses.push(await request.post(path, { multipart: fields, maxRedirects: 0 }));
    responses.push(await request.post(path, { form: fields, maxRedirects: 0 }));
  }
  return responses;
}

// ---- Rows ------------------------------------------------------------------------------

export type StoredCookie = { id: string; name: string; description: string; priceCents: number; retiredAt: Date | null };

export async function storedCookie(name: string): Promise<StoredCookie | undefined> {
  const [cookie] = await query<StoredCookie>(
    'SELECT "id", "name", "description", "priceCents", "retiredAt" FROM "Cookie" WHERE "name" = ?',
    [name],
  );
  return cookie;
}

/** The whole catalog as text, to check that something changed nothing. */
export async function allCookieRows(): Promise<string> {
  return JSON.stringify(await query('SELECT * FROM "Cookie" ORDER BY "id"'));
}

export type StoredOrder = { id: string; totalCents: number; lines: { name: string; priceCents: number; quantity: number }[] };

export async function storedOrders(email: string): Promise<StoredOrder[]> {
  const orders = await query<{ id: string; totalCents: number }>(
    `SELECT o."id", o."totalCents" FROM "Order" o JOIN "User" u ON u."id" = o."userId"
     WHERE u."email" = ? ORDER BY o."createdAt", o."id"`,
    [email],
  );
  const stored: StoredOrder[] = [];
  for (const order of orders) {
    const lines = await query<StoredOrder["lines"][number]>(
      'SELECT "name", "priceCents", "quantity" FROM "OrderItem" WHERE "orderId" = ? ORDER BY "name"',
      [order.id],
    );
    stored.push({ ...order, lines });
  }
  return stored;
}

export async function storedCart(email: string): Promise<{ name: string; quantity: number }[]> {
  return query<{ name: string; quantity: number }>(
    `SELECT c."name", i."quantity" FROM "CartItem" i JOIN "Cookie" c ON c."id" = i."cookieId"
     JOIN "User" u ON u."id" = i."userId" WHERE u."email" = ? ORDER BY c."name"`,
    [email],
  );
}

/**
 * A cookie of this test's own, put straight on sale, for tests that change or retire one
 * (the demo catalog is shared by tests running in parallel). Returns its name.
 */
export async function ownCookie(label: string, priceCents = 300): Promise<string> {
  const id = randomBytes(12).toString("hex");
  const name = `${label} ${id.slice(0, 6)}`;
  const now = new Date();
  await run(
    `INSERT INTO "Cookie" ("id", "slug", "name", "description", "priceCents", "illustration", "createdAt", "updatedAt")
     VALUES (?, ?, ?, 'Baked for one test only.', ?, 'sugar-cookie', ?, ?)`,
    [id, `test-${id}`, name, priceCents, now, now],
  );
  return name;
}

export async function setCookiePrice(name: string, priceCents: number): Promise<void> {
  await run('UPDATE "Cookie" SET "priceCents" = ? WHERE "name" = ?', [priceCents, name]);
}

export async function renameCookie(name: string, newName: string): Promise<void> {
  await run('UPDATE "Cookie" SET "name" = ? WHERE "name" = ?', [newName, name]);
}

/** Takes a cookie off sale as staff would (past orders keep their copy of it). */
export async function retireCookie(name: string): Promise<void> {
  await run('UPDATE "Cookie" SET "retiredAt" = ? WHERE "name" = ?', [new Date(), name]);
}
