import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { migratedTestDatabase } from "../../db/test-database";
import { softwarePasskey } from "./testing";

// Passkeys and their challenges on a real database with the committed migrations (PostgreSQL
// in its pass, where simultaneous requests really overlap).

const database = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));
vi.mock("../../db/client", async (importActual) => (await import("../../db/test-database")).databaseModuleOn(database, importActual));

const { PASSKEY_CHALLENGE_LIFETIME_MS, startPasskeyChallenge, takePasskeyChallenge } = await import("./challenge");
const { findPasskey, hasPasskey, passkeysOf, recordPasskeyUse, removePasskey, renamePasskey, savePasskey } = await import("./store");

let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("passkeys"));
  database.client = client;
}, 60_000);

afterAll(async () => {
  await removeDatabase();
});

async function newUser({ password = true } = {}): Promise<string> {
  const { id } = await client.user.create({ data: { email: `${randomUUID()}@example.com` }, select: { id: true } });
  if (password) await client.password.create({ data: { userId: id, hash: "not a real hash" } });
  return id;
}

function newPasskey(name = "Phone") {
  const key = softwarePasskey();
  return { id: key.credentialId, publicKey: key.publicKey, counter: 0, transports: ["internal"], deviceType: "singleDevice" as const, backedUp: false, aaguid: "00000000-0000-0000-0000-000000000000", name };
}

describe("challenges", () => {
  it("are taken once, by one of many simultaneous answers", async () => {
    const secret = await startPasskeyChallenge("login", "the-challenge", null);
    const taken = await Promise.all(Array.from({ length: 8 }, () => takePasskeyChallenge(secret, "login")));
    expect(taken.filter(Boolean)).toEqual([{ challenge: "the-challenge", userId: null }]);
    expect(await takePasskeyChallenge(secret, "login")).toBeNull();
  });

  it("expire after five minutes", async () => {
    const start = new Date();
    const secret = await startPasskeyChallenge("login", "c", null, start);
    expect(await takePasskeyChallenge(secret, "login", new Date(start.getTime() + PASSKEY_CHALLENGE_LIFETIME_MS))).toBeNull();
    const fresh = await startPasskeyChallenge("login", "c", null, start);
    expect(await takePasskeyChallenge(fresh, "login", new Date(start.getTime() + PASSKEY_CHALLENGE_LIFETIME_MS - 1000))).not.toBeNull();
  });

  it("serve one purpose, are named only by the browser's secret, and are stored under its hash", async () => {
    const userId = await newUser();
    const secret = await startPasskeyChallenge("register", "c", userId);
    expect(await client.passkeyChallenge.findMany({ where: { id: secret } })).toEqual([]);
    expect(await takePasskeyChallenge(secret, "login")).toBeNull();
    expect(await takePasskeyChallenge(secret, "register")).toBeNull(); // a wrong purpose used it up
    for (const forged of [undefined, "", "x".repeat(43), 42, "a".repeat(1000)]) expect(await takePasskeyChallenge(forged, "login")).toBeNull();
  });

  it("clear out expired ones as new ones are made", async () => {
    const long = new Date(Date.now() - 60 * 60_000);
    await startPasskeyChallenge("login", "old", null, long);
    await startPasskeyChallenge("login", "new", null);
    expect(await client.passkeyChallenge.count({ where: { expires: { lte: new Date() } } })).toBe(0);
  });
});

describe("passkeys", () => {
  it("belong to one account: a credential registered already is refused, to another account or the same", async () => {
    const ann = await newUser();
    const bob = await newUser();
    const passkey = newPasskey();
    expect(await savePasskey(ann, passkey)).toEqual({ ok: true });
    expect(await savePasskey(bob, passkey)).toEqual({ ok: false, reason: "registered-already" });
    expect(await savePasskey(ann, passkey)).toEqual({ ok: false, reason: "registered-already" });
    expect((await findPasskey(passkey.id))?.user.id).toBe(ann);
    expect([await hasPasskey(ann), await hasPasskey(bob)]).toEqual([true, false]);
    const simultaneous = newPasskey();
    const results = await Promise.all([ann, bob, ann, bob].map((userId) => savePasskey(userId, simultaneous)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("store the new counter and backup flags at each use, once per counter value", async () => {
    const userId = await newUser();
    const passkey = newPasskey();
    await savePasskey(userId, passkey);
    const found = (await findPasskey(passkey.id))!;
    const uses = await Promise.all(Array.from({ length: 4 }, () => recordPasskeyUse(found, { newCounter: 9, deviceType: "multiDevice", backedUp: true })));
    expect(uses.filter(Boolean)).toHaveLength(1);
    const row = await client.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(row).toMatchObject({ counter: 9n, deviceType: "multiDevice", backedUp: true });
    expect(row.lastUsedAt).not.toBeNull();
    expect((await passkeysOf(userId))[0]).toMatchObject({ name: "Phone", kind: "Synced passkey" });
  });

  it("are renamed and removed only by their own account", async () => {
    const ann = await newUser();
    const mallory = await newUser();
    const passkey = newPasskey("Laptop");
    await savePasskey(ann, passkey);
    expect(await renamePasskey(mallory, passkey.id, "Mine now")).toBeNull();
    expect(await removePasskey(mallory, passkey.id)).toEqual({ ok: false, reason: "not-found" });
    expect(await renamePasskey(ann, passkey.id, "Work laptop")).toBe("Laptop");
    expect(await removePasskey(ann, passkey.id)).toEqual({ ok: true, name: "Work laptop" });
    expect(await passkeysOf(ann)).toEqual([]);
  });

  it("never take away the last way to log in: without a password, the last passkey stays", async () => {
    const userId = await newUser({ password: false });
    const first = newPasskey("First");
    const second = newPasskey("Second");
    await savePasskey(userId, first);
    await savePasskey(userId, second);
    // Two removals at once: one may go, the other must find it is the last.
    const results = await Promise.all([removePasskey(userId, first.id), removePasskey(userId, second.id)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "last-way-in" }]);
    expect(await client.passkey.count({ where: { userId } })).toBe(1);

    const withPassword = await newUser();
    const only = newPasskey("Only");
    await savePasskey(withPassword, only);
    expect(await removePasskey(withPassword, only.id)).toMatchObject({ ok: true });
  });
});
