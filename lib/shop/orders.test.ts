import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import { isUniqueViolation } from "../db/client";
import { CHECKOUT_KEY_PATTERN } from "./schemas";
import { migratedTestDatabase } from "../db/test-database";
import { findOrder, listOrders, newCheckoutKey, placeOrderFromCart } from "./orders";

// Checkout on a real database with the committed migrations: the unique (userId, checkoutKey)
// index and the transaction are what make a repeated or racing submission give one order,
// so they are tested for real, not mocked.

const database = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));

vi.mock("../db/client", async (importActual) => (await import("../db/test-database")).databaseModuleOn(database, importActual));

let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("orders"));
  database.client = client;
}, 60_000);

afterAll(() => removeDatabase());

// ---- Arranging rows directly ------------------------------------------------------------

type Cookie = { id: string; name: string; priceCents: number };

async function newUser(): Promise<string> {
  const user = await client.user.create({ data: { email: `${randomUUID()}@example.com` }, select: { id: true } });
  return user.id;
}

async function newCookie(name: string, priceCents: number, retired = false): Promise<Cookie> {
  return client.cookie.create({
    data: {
      slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID()}`,
      name,
      description: `${name}, baked this morning.`,
      priceCents,
      retiredAt: retired ? new Date() : null,
    },
    select: { id: true, name: true, priceCents: true },
  });
}

async function fillCart(userId: string, lines: [Cookie, number][]): Promise<void> {
  await client.cartItem.createMany({ data: lines.map(([cookie, quantity]) => ({ userId, cookieId: cookie.id, quantity })) });
}

const cartRows = (userId: string) =>
  client.cartItem.findMany({ where: { userId }, select: { cookieId: true, quantity: true }, orderBy: { cookieId: "asc" } });
const orderCount = (userId: string) => client.order.count({ where: { userId } });
const orderItemCount = (userId: string) => client.orderItem.count({ where: { order: { userId } } });

/** A customer with two cookies in the cart: 2 × €2.50 + 3 × €1.75 = €10.25. */
async function customerWithCart() {
  const userId = await newUser();
  const chocolate = await newCookie("Chocolate chip", 250);
  const oatmeal = await newCookie("Oatmeal raisin", 175);
  await fillCart(userId, [
    [chocolate, 2],
    [oatmeal, 3],
  ]);
  return { userId, chocolate, oatmeal, totalCents: 2 * 250 + 3 * 175 };
}

// ---- The tests ----------------------------------------------------------------------------

describe("newCheckoutKey", () => {
  it("makes a fresh key that the checkout form's schema accepts", () => {
    const keys = Array.from({ length: 50 }, newCheckoutKey);
    for (const key of keys) expect(key).toMatch(CHECKOUT_KEY_PATTERN);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("placeOrderFromCart", () => {
  it("turns the cart into one order that copies each line's name and price, and empties the cart", async () => {
    const { userId, chocolate, oatmeal, totalCents } = await customerWithCart();
    const checkoutKey = newCheckoutKey();

    const outcome = await placeOrderFromCart(userId, checkoutKey, totalCents);
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);

    const orders = await client.order.findMany({ where: { userId }, include: { items: { orderBy: { name: "asc" } } } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ id: outcome.orderId, userId, checkoutKey, totalCents: 1025 });
    expect(orders[0]!.items.map(({ cookieId, name, priceCents, quantity }) => ({ cookieId, name, priceCents, quantity }))).toEqual([
      { cookieId: chocolate.id, name: "Chocolate chip", priceCents: 250, quantity: 2 },
      { cookieId: oatmeal.id, name: "Oatmeal raisin", priceCents: 175, quantity: 3 },
    ]);
    expect(await cartRows(userId)).toEqual([]);
  });

  it("keeps the order as it was bought when the cookie is later renamed or repriced", async () => {
    const { userId, chocolate, totalCents } = await customerWithCart();
    const outcome = await placeOrderFromCart(userId, newCheckoutKey(), totalCents);
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);

    await client.cookie.update({ where: { id: chocolate.id }, data: { name: "Zesty chocolate chip", priceCents: 999 } });

    const order = await findOrder(userId, outcome.orderId);
    expect(order).toMatchObject({
      id: outcome.orderId,
      totalCents: 1025,
      items: [
        { name: "Chocolate chip", priceCents: 250, quantity: 2 },
        { name: "Oatmeal raisin", priceCents: 175, quantity: 3 },
      ],
    });
    expect(order?.items).toHaveLength(2);
    expect((await listOrders(userId))[0]).toEqual(order);
  });

  it("gives the same order when the same checkout is submitted again, without touching a new cart", async () => {
    const { userId, chocolate, totalCents } = await customerWithCart();
    const checkoutKey = newCheckoutKey();
    const first = await placeOrderFromCart(userId, checkoutKey, totalCents);
    expect(first.ok).toBe(true);

    expect(await placeOrderFromCart(userId, checkoutKey, totalCents)).toEqual(first);

    // The customer shops again; replaying the old form must not order the new cart.
    await fillCart(userId, [[chocolate, 1]]);
    expect(await placeOrderFromCart(userId, checkoutKey, 250)).toEqual(first);
    expect(await orderCount(userId)).toBe(1);
    expect(await orderItemCount(userId)).toBe(2);
    expect(await cartRows(userId)).toEqual([{ cookieId: chocolate.id, quantity: 1 }]);
  });

  it("gives one order, and the same answer, to ten simultaneous submissions of one checkout", async () => {
    const { userId, totalCents } = await customerWithCart();
    const checkoutKey = newCheckoutKey();

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => placeOrderFromCart(userId, checkoutKey, totalCents)));

    const orders = await client.order.findMany({ where: { userId }, select: { id: true } });
    expect(orders).toHaveLength(1);
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => ({ ok: true, orderId: orders[0]!.id })));
    expect(await orderItemCount(userId)).toBe(2);
    expect(await cartRows(userId)).toEqual([]);
  });

  it("lets only one of two different checkouts racing for one cart place an order", async () => {
    const { userId, totalCents } = await customerWithCart();

    const outcomes = await Promise.all([placeOrderFromCart(userId, newCheckoutKey(), totalCents), placeOrderFromCart(userId, newCheckoutKey(), totalCents)]);

    const orders = await client.order.findMany({ where: { userId }, select: { id: true } });
    expect(orders).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.ok)).toEqual([{ ok: true, orderId: orders[0]!.id }]);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([
      { ok: false, reason: expect.stringMatching(/^(empty-cart|cart-changed)$/) },
    ]);
    expect(await orderItemCount(userId)).toBe(2);
    expect(await cartRows(userId)).toEqual([]);
  });

  it("lets many checkouts race, same and different keys mixed, and still makes one order", async () => {
    const { userId, totalCents } = await customerWithCart();
    const keys = [newCheckoutKey(), newCheckoutKey(), newCheckoutKey()];

    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => placeOrderFromCart(userId, keys[i % 3]!, totalCents)));

    const orders = await client.order.findMany({ where: { userId }, select: { id: true, checkoutKey: true } });
    expect(orders).toHaveLength(1);
    const winningKey = keys.indexOf(orders[0]!.checkoutKey);
    outcomes.forEach((outcome, i) => {
      if (i % 3 === winningKey) expect(outcome).toEqual({ ok: true, orderId: orders[0]!.id });
      else expect(outcome.ok).toBe(false);
    });
    expect(await orderItemCount(userId)).toBe(2);
  });

  it("refuses an empty cart and writes nothing", async () => {
    const userId = await newUser();
    expect(await placeOrderFromCart(userId, newCheckoutKey(), 0)).toEqual({ ok: false, reason: "empty-cart" });
    expect(await orderCount(userId)).toBe(0);
    expect(await orderItemCount(userId)).toBe(0);
  });

  it("refuses when the cart no longer adds up to the total the customer saw, and leaves the cart alone", async () => {
    const { userId, chocolate, oatmeal, totalCents } = await customerWithCart();
    const before = await cartRows(userId);
    expect(before).toHaveLength(2);

    for (const seen of [totalCents - 1, totalCents + 1, 0, 250]) {
      expect(await placeOrderFromCart(userId, newCheckoutKey(), seen)).toEqual({ ok: false, reason: "cart-changed" });
    }
    // A price changed after the customer looked: their old total no longer matches.
    await client.cookie.update({ where: { id: chocolate.id }, data: { priceCents: 260 } });
    expect(await placeOrderFromCart(userId, newCheckoutKey(), totalCents)).toEqual({ ok: false, reason: "cart-changed" });

    expect(await cartRows(userId)).toEqual(before);
    expect(await orderCount(userId)).toBe(0);
    expect(await orderItemCount(userId)).toBe(0);
    expect(before.map((row) => row.cookieId).sort()).toEqual([chocolate.id, oatmeal.id].sort());
  });

  it("leaves retired cookies out of the order", async () => {
    const userId = await newUser();
    const onSale = await newCookie("Gingerbread", 300);
    const retired = await newCookie("Discontinued", 400, true);
    await fillCart(userId, [
      [onSale, 2],
      [retired, 5],
    ]);

    // The retired line does not count towards the total either.
    expect(await placeOrderFromCart(userId, newCheckoutKey(), 600 + 2000)).toEqual({ ok: false, reason: "cart-changed" });
    const outcome = await placeOrderFromCart(userId, newCheckoutKey(), 600);
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);

    const items = await client.orderItem.findMany({ where: { order: { userId } }, select: { cookieId: true, quantity: true, priceCents: true } });
    expect(items).toEqual([{ cookieId: onSale.id, quantity: 2, priceCents: 300 }]);
    expect((await findOrder(userId, outcome.orderId))?.totalCents).toBe(600);
    expect(await orderCount(userId)).toBe(1);
  });

  it("treats a cart holding only retired cookies as empty", async () => {
    const userId = await newUser();
    await fillCart(userId, [[await newCookie("Discontinued", 400, true), 1]]);
    expect(await placeOrderFromCart(userId, newCheckoutKey(), 0)).toEqual({ ok: false, reason: "empty-cart" });
    expect(await orderCount(userId)).toBe(0);
    expect(await cartRows(userId)).toHaveLength(1);
  });

  it("keeps checkout keys per customer: another customer's key never finds their order", async () => {
    const ann = await customerWithCart();
    const bob = await customerWithCart();
    const checkoutKey = newCheckoutKey();

    const annOutcome = await placeOrderFromCart(ann.userId, checkoutKey, ann.totalCents);
    const bobOutcome = await placeOrderFromCart(bob.userId, checkoutKey, bob.totalCents);
    if (!annOutcome.ok || !bobOutcome.ok) throw new Error("refused");

    expect(bobOutcome.orderId).not.toBe(annOutcome.orderId);
    expect(await orderCount(ann.userId)).toBe(1);
    expect(await orderCount(bob.userId)).toBe(1);
    expect(await cartRows(bob.userId)).toEqual([]);
  });
});

describe("the checkout key's unique index", () => {
  // placeOrderFromCart's recovery from a lost race rests on this: the second insert fails in a way
  // isUniqueViolation recognizes (through the SQLite driver adapter, not only the engine).
  it("refuses a second order with the same key for the same customer, as a unique violation", async () => {
    const userId = await newUser();
    const checkoutKey = newCheckoutKey();
    await client.order.create({ data: { userId, checkoutKey, totalCents: 100 } });

    const error = await client.order.create({ data: { userId, checkoutKey, totalCents: 200 } }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).not.toBeNull();
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
    expect(await orderCount(userId)).toBe(1);
  });
});

describe("listOrders and findOrder", () => {
  async function placeOne(userId: string, cookie: Cookie, quantity: number): Promise<string> {
    await fillCart(userId, [[cookie, quantity]]);
    const outcome = await placeOrderFromCart(userId, newCheckoutKey(), cookie.priceCents * quantity);
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    return outcome.orderId;
  }

  it("lists only the customer's own orders, newest first", async () => {
    const userId = await newUser();
    const other = await newUser();
    const cookie = await newCookie("Snickerdoodle", 200);
    const first = await placeOne(userId, cookie, 1);
    const second = await placeOne(userId, cookie, 2);
    const third = await placeOne(userId, cookie, 3);
    await placeOne(other, cookie, 4);

    // Dates that disagree with the order of insertion, so the list must really sort by date.
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    await client.order.update({ where: { id: first }, data: { createdAt: at(2) } });
    await client.order.update({ where: { id: second }, data: { createdAt: at(1) } });
    await client.order.update({ where: { id: third }, data: { createdAt: at(3) } });

    const orders = await listOrders(userId);
    expect(orders.map((order) => order.id)).toEqual([third, first, second]);
    expect(orders.map((order) => order.totalCents)).toEqual([600, 200, 400]);
    expect(orders[0]).toEqual({
      id: third,
      createdAt: at(3),
      totalCents: 600,
      items: [{ id: expect.any(String), name: "Snickerdoodle", priceCents: 200, quantity: 3 }],
    });
    expect(await listOrders(await newUser())).toEqual([]);
  });

  it("finds the customer's own order and treats anyone else's as absent", async () => {
    const ann = await newUser();
    const bob = await newUser();
    const cookie = await newCookie("Macadamia", 325);
    const annOrder = await placeOne(ann, cookie, 2);

    expect(await findOrder(ann, annOrder)).toMatchObject({ id: annOrder, totalCents: 650 });
    expect(await findOrder(bob, annOrder)).toBeNull();
    expect(await findOrder(ann, "no-such-order")).toBeNull();
    expect(await findOrder(ann, "")).toBeNull();
  });
});
