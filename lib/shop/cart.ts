import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getCurrentUser } from "../auth/guard/dal";
import { db } from "../db/client";
import { cookiesNeedSecure } from "../http/secure-cookies";
import { type CatalogCookie, catalogFields, findCookieOnSale } from "./catalog";
import {
  type CartQuantities,
  GUEST_CART_COOKIE,
  GUEST_CART_MAX_AGE_SECONDS,
  type QuantityChange,
  changeGuestCart,
  parseGuestCart,
  quantityAfter,
  serializeGuestCart,
} from "./guest-cart";

/**
 * The cart of whoever is asking: a signed-in customer's lives in CartItem rows, a visitor's
 * in a cookie (./guest-cart.ts) until they log in or register, when the two are merged.
 * Either way only cookies on sale are shown, at today's price.
 */

export type CartLine = { cookie: CatalogCookie; quantity: number; lineTotalCents: number };
export type Cart = { lines: CartLine[]; itemCount: number; totalCents: number };

function cartOf(lines: { cookie: CatalogCookie; quantity: number }[]): Cart {
  const priced = lines.map((line) => ({ ...line, lineTotalCents: line.cookie.priceCents * line.quantity }));
  return {
    lines: priced,
    itemCount: priced.reduce((sum, line) => sum + line.quantity, 0),
    totalCents: priced.reduce((sum, line) => sum + line.lineTotalCents, 0),
  };
}

/** The signed-in customer's cart as stored; only cookies still on sale. */
export async function customerCart(userId: string, client: Pick<typeof db, "cartItem"> = db): Promise<Cart> {
  const rows = await client.cartItem.findMany({
    where: { userId, cookie: { retiredAt: null } },
    select: { quantity: true, cookie: { select: catalogFields } },
    orderBy: { cookie: { name: "asc" } },
  });
  return cartOf(rows);
}

async function guestQuantities(): Promise<CartQuantities> {
  return parseGuestCart((await cookies()).get(GUEST_CART_COOKIE)?.value);
}

async function guestCart(): Promise<Cart> {
  const quantities = await guestQuantities();
  if (quantities.size === 0) return cartOf([]);
  const onSale = await db.cookie.findMany({
    where: { id: { in: [...quantities.keys()] }, retiredAt: null },
    select: catalogFields,
    orderBy: { name: "asc" },
  });
  return cartOf(onSale.map((cookie) => ({ cookie, quantity: quantities.get(cookie.id) ?? 0 })));
}

/** The current visitor's cart; read once per request (the header and the page share it). */
export const getCart = cache(async (): Promise<Cart> => {
  const user = await getCurrentUser();
  return user ? customerCart(user.id) : guestCart();
});

export type CartChangeResult = "changed" | "not-on-sale" | "cart-full";

/** Adds to or sets a line of the current visitor's cart. Only cookies on sale can be added. */
export async function changeCart(change: QuantityChange): Promise<CartChangeResult> {
  if (change.quantity > 0 && !(await findCookieOnSale(change.cookieId))) return "not-on-sale";
  const user = await getCurrentUser();
  if (user) return changeCustomerCart(user.id, change);
  const next = changeGuestCart(await guestQuantities(), change);
  if (!next) return "cart-full";
  await writeGuestCart(next);
  return "changed";
}

/** A signed-in customer's side of changeCart (and of the merge at login). */
export function changeCustomerCart(userId: string, change: QuantityChange): Promise<CartChangeResult> {
  return db.$transaction(async (tx) => {
    // One change per customer at a time: this write locks the customer's row until the
    // transaction ends (SQLite runs one transaction at a time anyway). Without it, two
    // simultaneous adds to one line on PostgreSQL both read the old quantity, and one is lost.
    await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "id" = ${userId}`;
    const key = { userId_cookieId: { userId, cookieId: change.cookieId } };
    const current = await tx.cartItem.findUnique({ where: key, select: { quantity: true } });
    const quantity = quantityAfter(current?.quantity, await tx.cartItem.count({ where: { userId } }), change);
    if (quantity === null) return "cart-full";
    if (quantity === 0) await tx.cartItem.deleteMany({ where: { userId, cookieId: change.cookieId } });
    else await tx.cartItem.upsert({ where: key, create: { userId, cookieId: change.cookieId, quantity }, update: { quantity } });
    return "changed";
  });
}

/**
 * At login or registration: the visitor's cookie cart joins the account's cart (quantities
 * added up, within the usual limits) and the cookie is cleared.
 */
export async function mergeGuestCartInto(userId: string): Promise<void> {
  const jar = await cookies();
  if (!jar.has(GUEST_CART_COOKIE)) return;
  for (const { cookie, quantity } of (await guestCart()).lines) {
    await changeCustomerCart(userId, { cookieId: cookie.id, quantity, mode: "add" });
  }
  jar.delete(GUEST_CART_COOKIE);
}

async function writeGuestCart(quantities: CartQuantities): Promise<void> {
  const jar = await cookies();
  if (quantities.size === 0) {
    jar.delete(GUEST_CART_COOKIE);
    return;
  }
  jar.set(GUEST_CART_COOKIE, serializeGuestCart(quantities), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: await cookiesNeedSecure(),
    maxAge: GUEST_CART_MAX_AGE_SECONDS,
  });
}
