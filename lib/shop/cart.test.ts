import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import { migratedTestDatabase } from "../db/test-database";
import { changeCustomerCart } from "./cart";
import { MAX_QUANTITY } from "./guest-cart";

// A customer's cart rows on a real database with the committed migrations (PostgreSQL in
// `npm run test:postgresql`, where requests really run at the same time).

const database = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));

vi.mock("../db/client", async (importActual) => (await import("../db/test-database")).databaseModuleOn(database, importActual));

let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("cart"));
  database.client = client;
}, 60_000);

afterAll(() => removeDatabase());

async function newCustomerAndCookie(): Promise<{ userId: string; cookieId: string }> {
  const user = await client.user.create({ data: { email: `${randomUUID()}@example.com` }, select: { id: true } });
  const cookie = await client.cookie.create({
    data: { slug: randomUUID(), name: "Test cookie", description: "Baked for one test.", priceCents: 200 },
    select: { id: true },
  });
  return { userId: user.id, cookieId: cookie.id };
}

const quantityOf = async (userId: string, cookieId: string) =>
  (await client.cartItem.findUnique({ where: { userId_cookieId: { userId, cookieId } } }))?.quantity;

describe("changeCustomerCart", () => {
  it("counts every one of ten simultaneous adds to the same line", async () => {
    const { userId, cookieId } = await newCustomerAndCookie();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => changeCustomerCart(userId, { cookieId, quantity: 1, mode: "add" })),
    );
    expect(results).toEqual(Array.from({ length: 10 }, () => "changed"));
    expect(await quantityOf(userId, cookieId)).toBe(10);
  });

  it("keeps simultaneous adds within the limit of one line", async () => {
    const { userId, cookieId } = await newCustomerAndCookie();
    await Promise.all(Array.from({ length: 6 }, () => changeCustomerCart(userId, { cookieId, quantity: 5, mode: "add" })));
    expect(await quantityOf(userId, cookieId)).toBe(MAX_QUANTITY);
  });

  it("sets and removes a line", async () => {
    const { userId, cookieId } = await newCustomerAndCookie();
    await changeCustomerCart(userId, { cookieId, quantity: 3, mode: "set" });
    expect(await quantityOf(userId, cookieId)).toBe(3);
    await changeCustomerCart(userId, { cookieId, quantity: 0, mode: "set" });
    expect(await quantityOf(userId, cookieId)).toBeUndefined();
  });
});
