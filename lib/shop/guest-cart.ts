/**
 * A visitor's cart before they log in: a cookie that holds cookie ids and quantities,
 * nothing else. Prices and names always come from the database, so editing the cookie can
 * only change what is in one's own cart, and anything malformed reads as absent.
 * The same limits apply to the carts of signed-in customers (lib/shop/cart.ts).
 */

export const GUEST_CART_COOKIE = "cart";
/** Kept for a month, like most shops' carts. */
export const GUEST_CART_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** How many of one cookie a cart may hold: a bakery's idea of a large order, not a wholesale one. */
export const MAX_QUANTITY = 24;
/** How many different cookies a cart may hold; also keeps the cookie far below 4 kB. */
export const MAX_CART_LINES = 30;

/** Cookie id → quantity, in the order the lines were added. */
export type CartQuantities = Map<string, number>;

const COOKIE_ID = /^[a-z0-9]{1,40}$/;

export function isCookieId(value: unknown): value is string {
  return typeof value === "string" && COOKIE_ID.test(value);
}

/** Reads the cookie's value ("id:qty|id:qty"); entries that are not well formed are skipped. */
export function parseGuestCart(value: string | undefined): CartQuantities {
  const lines: CartQuantities = new Map();
  if (!value || value.length > 4096) return lines;
  for (const entry of value.split("|")) {
    const [id, quantityText, ...rest] = entry.split(":");
    const quantity = Number(quantityText);
    if (rest.length > 0 || !isCookieId(id) || !/^\d{1,3}$/.test(quantityText ?? "") || quantity < 1) continue;
    if (lines.size >= MAX_CART_LINES && !lines.has(id)) break;
    lines.set(id, Math.min((lines.get(id) ?? 0) + quantity, MAX_QUANTITY));
  }
  return lines;
}

export function serializeGuestCart(lines: CartQuantities): string {
  return [...lines].map(([id, quantity]) => `${id}:${quantity}`).join("|");
}

export type QuantityChange = { cookieId: string; quantity: number; mode: "add" | "set" };

/**
 * The quantity a line has after a change: added to or replacing what is there, capped at
 * MAX_QUANTITY. Zero removes the line. Null when a new line would exceed MAX_CART_LINES.
 */
export function quantityAfter(current: number | undefined, lineCount: number, change: QuantityChange): number | null {
  const wanted = change.mode === "add" ? (current ?? 0) + change.quantity : change.quantity;
  const quantity = Math.max(0, Math.min(wanted, MAX_QUANTITY));
  if (current === undefined && quantity > 0 && lineCount >= MAX_CART_LINES) return null;
  return quantity;
}

/** Applies a change to a guest cart; the result is a new map. Null when the cart is full. */
export function changeGuestCart(lines: CartQuantities, change: QuantityChange): CartQuantities | null {
  const quantity = quantityAfter(lines.get(change.cookieId), lines.size, change);
  if (quantity === null) return null;
  const next = new Map(lines);
  if (quantity === 0) next.delete(change.cookieId);
  else next.set(change.cookieId, quantity);
  return next;
}
