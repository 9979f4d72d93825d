import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { migratedTestDatabase } from "../../db/test-database";

// A login waiting for its second factor, on a real database with the committed migrations
// (PostgreSQL in its pass, where simultaneous requests really overlap).

const database = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));
vi.mock("../../db/client", async (importActual) => (await import("../../db/test-database")).databaseModuleOn(database, importActual));

const { CHALLENGE_LIFETIME_MS, MAX_CHALLENGE_FAILURES, failChallenge, findChallenge, startChallenge, takeChallenge } = await import("./challenge");

let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("login_challenge"));
  database.client = client;
}, 60_000);

afterAll(() => removeDatabase());

async function newUser(twoFactor = false): Promise<string> {
  const { id } = await client.user.create({ data: { email: `${randomUUID()}@example.com` }, select: { id: true } });
  if (twoFactor) await client.twoFactor.create({ data: { userId: id, secretBox: "sealed", enabledAt: new Date() } });
  return id;
}

describe("login challenges", () => {
  it("carries the login's next and remember, and the account's sealed app secret, to the code step", async () => {
    const userId = await newUser(true);
    const challenge = await findChallenge(await startChallenge(userId, "/orders", true));
    expect(challenge).toMatchObject({ user: { id: userId }, next: "/orders", remember: true, appSecret: { secretBox: "sealed" } });
    expect(challenge?.appSecret?.enabledAt).toBeInstanceOf(Date);
  });

  it("keeps one waiting login per account: a new one replaces the last, whose secret then names nothing", async () => {
    const userId = await newUser();
    const first = await startChallenge(userId, "/account", false);
    const second = await startChallenge(userId, "/cookies", false);
    expect(await findChallenge(first)).toBeNull();
    expect((await findChallenge(second))?.next).toBe("/cookies");
    expect(await client.loginChallenge.count({ where: { userId } })).toBe(1);
  });

  it("starts a new login with a clean count of wrong codes, even when it replaces one that had some", async () => {
    const userId = await newUser();
    const old = (await findChallenge(await startChallenge(userId, "/account", false)))!;
    for (let i = 0; i < MAX_CHALLENGE_FAILURES - 1; i++) await failChallenge(old);
    const fresh = (await findChallenge(await startChallenge(userId, "/account", false)))!;
    expect(await failChallenge(fresh)).toBe(true);
  });

  it("of simultaneous starts for one account, leaves exactly one that works", async () => {
    const userId = await newUser();
    const secrets = await Promise.all(Array.from({ length: 8 }, () => startChallenge(userId, "/account", false)));
    const found = await Promise.all(secrets.map((secret) => findChallenge(secret)));
    expect(found.filter(Boolean)).toHaveLength(1);
  });

  it("ends at its last allowed wrong code, at success (once), and at its expiry", async () => {
    const userId = await newUser();
    const wrong = (await findChallenge(await startChallenge(userId, "/account", false)))!;
    for (let i = 1; i < MAX_CHALLENGE_FAILURES; i++) expect(await failChallenge(wrong)).toBe(true);
    expect(await failChallenge(wrong)).toBe(false);

    const secret = await startChallenge(userId, "/account", false);
    const right = (await findChallenge(secret))!;
    const taken = await Promise.all([takeChallenge(right), takeChallenge(right)]);
    expect(taken.sort()).toEqual([false, true]);
    expect(await findChallenge(secret)).toBeNull();

    const started = new Date();
    const expiring = await startChallenge(userId, "/account", false, started);
    expect(await findChallenge(expiring, new Date(started.getTime() + CHALLENGE_LIFETIME_MS - 1))).not.toBeNull();
    expect(await findChallenge(expiring, new Date(started.getTime() + CHALLENGE_LIFETIME_MS))).toBeNull();
  });
});
