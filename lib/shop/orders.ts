import "server-only";
import { db, isUniqueViolation } from "../db/client";
import { customerCart } from "./cart";
import { randomToken } from "../crypto/tokens";

/**
 * Placing and reading orders. An order copies each line's name and price at the time of
 * purchase, so later changes to the catalog never rewrite history.
 *
 * Submitting the same checkout twice (a double click, the back button, a replayed POST)
 * must give one order. Each checkout form carries a random key, and an order remembers the
 * key that placed it (unique per customer): the second submission finds the first order.
 */

/** A fresh key for one checkout form: 128 random bits. */
export function newCheckoutKey(): string {
  return randomToken(16);
}

export type PlaceOrderOutcome =
  | { ok: true; orderId: string }
  | { ok: false; reason: "empty-cart" | "cart-changed" };

class CartTakenMeanwhile extends Error {}

function orderPlacedWith(userId: string, checkoutKey: string, client: Pick<typeof db, "order"> = db) {
  return client.order.findUnique({ where: { userId_checkoutKey: { userId, checkoutKey } }, select: { id: true } });
}

/**
 * Turns the customer's cart into an order, in one transaction: the order and its lines are
 * written and the cart emptied together, or nothing happens. The cart must still add up to
 * `expectedTotalCents`, the total the customer saw when they pressed "Place order".
 */
export async function placeOrderFromCart(userId: string, checkoutKey: string, expectedTotalCents: number): Promise<PlaceOrderOutcome> {
  const outcome = await orderFromCart(userId, checkoutKey, expectedTotalCents);
  if (outcome.ok) return outcome;
  // The same form may have won a race a moment ago (a double click, a replay): its order is
  // this submission's answer. When this attempt failed because of it, that order is
  // committed by now, since only its commit empties the cart for others.
  const winner = await orderPlacedWith(userId, checkoutKey);
  return winner ? { ok: true, orderId: winner.id } : outcome;
}

async function orderFromCart(userId: string, checkoutKey: string, expectedTotalCents: number): Promise<PlaceOrderOutcome> {
  try {
    return await db.$transaction(async (tx): Promise<PlaceOrderOutcome> => {
      const earlier = await orderPlacedWith(userId, checkoutKey, tx);
      if (earlier) return { ok: true, orderId: earlier.id };

      const cart = await customerCart(userId, tx);
      if (cart.lines.length === 0) return { ok: false, reason: "empty-cart" };
      if (cart.totalCents !== expectedTotalCents) return { ok: false, reason: "cart-changed" };

      // Emptying the cart claims it: a concurrent checkout that read the same lines finds
      // them gone here (PostgreSQL makes it wait for the first), and gives up.
      const { count } = await tx.cartItem.deleteMany({ where: { userId } });
      if (count < cart.lines.length) throw new CartTakenMeanwhile();

      const order = await tx.order.create({
        data: {
          userId,
          checkoutKey,
          totalCents: cart.totalCents,
          items: {
            create: cart.lines.map(({ cookie, quantity }) => ({
              cookieId: cookie.id,
              name: cookie.name,
              priceCents: cookie.priceCents,
              quantity,
            })),
          },
        },
        select: { id: true },
      });
      return { ok: true, orderId: order.id };
    });
  } catch (error) {
    if (error instanceof CartTakenMeanwhile || isUniqueViolation(error)) return { ok: false, reason: "cart-changed" };
    throw error;
  }
}

export type OrderSummary = {
  id: string;
  createdAt: Date;
  totalCents: number;
  items: { id: string; name: string; priceCents: number; quantity: number }[];
};

const orderFields = {
  id: true,
  createdAt: true,
  totalCents: true,
  items: { select: { id: true, name: true, priceCents: true, quantity: true }, orderBy: { name: "asc" } },
} as const;

/** The customer's own orders, newest first. */
export function listOrders(userId: string): Promise<OrderSummary[]> {
  return db.order.findMany({ where: { userId }, select: orderFields, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** One of the customer's own orders; someone else's order is as absent as one that never existed. */
export function findOrder(userId: string, orderId: string): Promise<OrderSummary | null> {
  return db.order.findFirst({ where: { id: orderId, userId }, select: orderFields });
}
