import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { cheapHash, migratedTestDatabase } from "../../db/test-database";

// The check of a signed-in account's current password, on a real database with the committed
// migrations: counted per account before bcrypt, refused without bcrypt once over the limit,
// and a wrong password recorded in the audit trail. The request's headers, the mail and the
// throttles' store (memory; the database store is tested in rate-limit-store.test.ts) are replaced.

const state = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));

vi.mock("../../db/client", async (importActual) => (await import("../../db/test-database")).databaseModuleOn(state, importActual));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.0.0.1", "user-agent": "Firefox/140.0" }),
}));
vi.mock("../../mail/send-later", () => ({ sendLater: () => undefined }));
vi.mock("../throttle/store", async () => (await import("../throttle/testing")).memoryThrottleStore());

const { bcryptThreads } = await import("./threads");
const { confirmCurrentPassword } = await import("./current-password");
const { requestEmailChange } = await import("../recovery/email-confirmation");
const { CURRENT_PASSWORD_CHECKS_PER_USER } = await import("../throttle/policies");

const PASSWORD = "correct horse battery staple";
const WRONG_PASSWORD = "not the right password";

let client: PrismaClient;
let removeDatabase: () => Promise<void>;
let passwordHash: string;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("current_password"));
  state.client = client;
  passwordHash = await cheapHash(PASSWORD);
  process.env.AUTH_URL = "https://shop.example";
}, 60_000);

afterAll(() => removeDatabase());

let compare: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  compare = vi.spyOn(bcryptThreads, "compare");
});
afterEach(() => vi.restoreAllMocks());

async function newAccount() {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const { id } = await client.user.create({ data: { email, password: { create: { hash: passwordHash } } }, select: { id: true } });
  return { id, email, role: "customer" as const, emailVerified: false };
}

function eventsOf(userId: string) {
  return client.authEvent.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe("confirmCurrentPassword", () => {
  it("accepts the right password and records nothing", async () => {
    const account = await newAccount();
    expect(await confirmCurrentPassword(account, PASSWORD, "password-change")).toEqual({ ok: true });
    expect(await eventsOf(account.id)).toEqual([]);
  });

  it("records a wrong password in the owner's audit trail, saying what it was for, never the password", async () => {
    const account = await newAccount();
    expect(await confirmCurrentPassword(account, WRONG_PASSWORD, "password-change")).toEqual({ ok: false, reason: "wrong-password" });
    expect(await confirmCurrentPassword(account, WRONG_PASSWORD, "email-change")).toEqual({ ok: false, reason: "wrong-password" });
    const events = await eventsOf(account.id);
    expect(events.map(({ type, detail, ip, device }) => ({ type, detail, ip, device }))).toEqual([
      { type: "current-password-wrong", detail: "when changing the password", ip: "10.0.0.1", device: "Firefox" },
      { type: "current-password-wrong", detail: "when changing the email address", ip: "10.0.0.1", device: "Firefox" },
    ]);
    expect(JSON.stringify(events)).not.toContain(WRONG_PASSWORD);
  });

  it(`refuses the ${CURRENT_PASSWORD_CHECKS_PER_USER + 1}th check within the window without bcrypt, even with the right password`, async () => {
    const account = await newAccount();
    for (let i = 0; i < CURRENT_PASSWORD_CHECKS_PER_USER; i++) {
      expect((await confirmCurrentPassword(account, WRONG_PASSWORD, "password-change")).ok).toBe(false);
    }
    expect(compare).toHaveBeenCalledTimes(CURRENT_PASSWORD_CHECKS_PER_USER);
    const refused = await confirmCurrentPassword(account, PASSWORD, "password-change");
    expect(refused).toMatchObject({ ok: false, reason: "throttled", retryAfterMs: expect.any(Number) });
    expect(compare).toHaveBeenCalledTimes(CURRENT_PASSWORD_CHECKS_PER_USER); // no bcrypt for the refusal
    // The wrong ones are on record; the refusal is not (it would let anyone fill the table).
    expect(await client.authEvent.count({ where: { userId: account.id } })).toBe(CURRENT_PASSWORD_CHECKS_PER_USER);
    // Another account is not affected.
    expect(await confirmCurrentPassword(await newAccount(), PASSWORD, "password-change")).toEqual({ ok: true });
  });

  it("counts right passwords too: each is followed by a new hash", async () => {
    const account = await newAccount();
    for (let i = 0; i < CURRENT_PASSWORD_CHECKS_PER_USER; i++) {
      expect(await confirmCurrentPassword(account, PASSWORD, "password-change")).toEqual({ ok: true });
    }
    expect((await confirmCurrentPassword(account, PASSWORD, "password-change")).ok).toBe(false);
  });

  it("is what the email change asks: its checks count toward the same limit and are recorded", async () => {
    const account = await newAccount();
    expect(await requestEmailChange(account, WRONG_PASSWORD, `new-${account.email}`)).toEqual({ ok: false, reason: "wrong-password" });
    expect((await eventsOf(account.id)).map((event) => event.detail)).toEqual(["when changing the email address"]);
    for (let i = 1; i < CURRENT_PASSWORD_CHECKS_PER_USER; i++) await confirmCurrentPassword(account, WRONG_PASSWORD, "password-change");
    const callsBefore = compare.mock.calls.length;
    expect(await requestEmailChange(account, PASSWORD, `new-${account.email}`)).toMatchObject({ ok: false, reason: "throttled" });
    expect(compare.mock.calls.length).toBe(callsBefore);
  });
});
