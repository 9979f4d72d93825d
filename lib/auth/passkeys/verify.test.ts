import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { migratedTestDatabase } from "../../db/test-database";
import type { RelyingParty } from "./relying-party";
import { type SoftwarePasskey, signAssertion, softwarePasskey } from "./testing";

// The whole check of a login ceremony's answer, on a real database (PostgreSQL in its pass).

const database = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));
vi.mock("../../db/client", async (importActual) => (await import("../../db/test-database")).databaseModuleOn(database, importActual));

const { startPasskeyChallenge } = await import("./challenge");
const { savePasskey } = await import("./store");
const { authenticationOptions } = await import("./webauthn");
const { verifyPasskeyAnswer } = await import("./verify");

const rp: RelyingParty = { id: "shop.example", origin: "https://shop.example", name: "Cookieshop" };
let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("passkey-answers"));
  database.client = client;
}, 60_000);

afterAll(async () => {
  await removeDatabase();
});

async function accountWithPasskey(): Promise<{ userId: string; key: SoftwarePasskey }> {
  const { id: userId } = await client.user.create({ data: { email: `${randomUUID()}@example.com` }, select: { id: true } });
  const key = softwarePasskey();
  await savePasskey(userId, { id: key.credentialId, publicKey: key.publicKey, counter: 0, transports: [], deviceType: "multiDevice", backedUp: true, aaguid: "00000000-0000-0000-0000-000000000000", name: "Phone" });
  return { userId, key };
}

/** A ceremony's cookie secret and a right answer to it, signed with counter 0 as many synced passkeys do. */
async function ceremony(purpose: "login" | "second-factor", key: SoftwarePasskey, userId: string, ceremonyUserId: string | null = null) {
  const { challenge } = await authenticationOptions(rp);
  const secret = await startPasskeyChallenge(purpose, challenge, ceremonyUserId);
  return { secret, response: signAssertion(key, { challenge, origin: rp.origin, rpId: rp.id, counter: 0, userId }) };
}

describe("verifyPasskeyAnswer", () => {
  it("gives the passkey's account for a right answer, and the same answer again is refused: its ceremony is used up", async () => {
    const { userId, key } = await accountWithPasskey();
    const { secret, response } = await ceremony("login", key, userId);
    const answer = await verifyPasskeyAnswer(rp, "login", secret, response);
    expect(answer).toMatchObject({ ok: true, user: { id: userId } });
    expect(answer.ok && "active" in answer.user).toBe(false);
    // Counter 0 stays 0, so nothing but the ceremony's single use stops the replay.
    expect(await verifyPasskeyAnswer(rp, "login", secret, response)).toEqual({ ok: false, reason: "expired", claimedUserId: userId });
  });

  it("refuses a ceremony of another purpose, a deactivated account, and garbage", async () => {
    const { userId, key } = await accountWithPasskey();
    const other = await ceremony("second-factor", key, userId, userId);
    expect(await verifyPasskeyAnswer(rp, "login", other.secret, other.response)).toMatchObject({ ok: false, reason: "expired" });
    await client.user.update({ where: { id: userId }, data: { active: false } });
    const login = await ceremony("login", key, userId);
    expect(await verifyPasskeyAnswer(rp, "login", login.secret, login.response)).toEqual({ ok: false, reason: "refused", claimedUserId: userId });
    const fresh = await ceremony("login", key, userId);
    expect(await verifyPasskeyAnswer(rp, "login", fresh.secret, { id: 1 })).toEqual({ ok: false, reason: "refused", claimedUserId: null });
  });

  it("as a second factor, takes only a ceremony and a passkey of the expected account", async () => {
    const ann = await accountWithPasskey();
    const bob = await accountWithPasskey();
    const bobsKeyInAnnsCeremony = await ceremony("second-factor", bob.key, bob.userId, ann.userId);
    expect(await verifyPasskeyAnswer(rp, "second-factor", bobsKeyInAnnsCeremony.secret, bobsKeyInAnnsCeremony.response, ann.userId)).toMatchObject({ ok: false, reason: "refused" });
    const bobsCeremony = await ceremony("second-factor", ann.key, ann.userId, bob.userId);
    expect(await verifyPasskeyAnswer(rp, "second-factor", bobsCeremony.secret, bobsCeremony.response, ann.userId)).toMatchObject({ ok: false, reason: "refused" });
    const right = await ceremony("second-factor", ann.key, ann.userId, ann.userId);
    expect(await verifyPasskeyAnswer(rp, "second-factor", right.secret, right.response, ann.userId)).toMatchObject({ ok: true, user: { id: ann.userId } });
  });
});
