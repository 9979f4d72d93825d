import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { migratedTestDatabase } from "../../db/test-database";
import { hashRecoveryCode, readRecoveryCode } from "./recovery-codes";
import { sealSecret } from "./secret-box";
import { TOTP_PERIOD_SECONDS, newTotpSecret, totpCodeAt, totpStep } from "./totp";

// An account's second factor on a real database with the committed migrations (PostgreSQL in
// its pass, where simultaneous requests really overlap): setup, one use per code, recovery
// codes, rotation of the key.

const database = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));
vi.mock("../../db/client", async (importActual) => (await import("../../db/test-database")).databaseModuleOn(database, importActual));

const AUTH_SECRET = "unit-test-auth-secret-0123456789abcdef";
const PREVIOUS_SECRET = "the-auth-secret-before-the-rotation-0123";

const { confirmSetup, pendingSecret, regenerateRecoveryCodes, removeTwoFactor, twoFactorStatus, useAuthenticatorCode, useSecondFactor } = await import("./store");

let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", AUTH_SECRET);
  ({ client, remove: removeDatabase } = await migratedTestDatabase("two_factor"));
  database.client = client;
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await removeDatabase();
});

const later = (date: Date, steps: number) => new Date(date.getTime() + steps * TOTP_PERIOD_SECONDS * 1000);

async function newUser(): Promise<string> {
  return (await client.user.create({ data: { email: `${randomUUID()}@example.com` }, select: { id: true } })).id;
}

/** An account with two-factor on, set up at `now`: its secret and recovery codes. */
async function enrolled(now: Date): Promise<{ userId: string; secret: string; codes: string[] }> {
  const userId = await newUser();
  const secret = (await pendingSecret(userId))!;
  const codes = (await confirmSetup(userId, totpCodeAt(secret, now), now))!;
  return { userId, secret, codes };
}

describe("setting up", () => {
  it("shows the newest pending secret until a right code turns it on, then never again", async () => {
    const userId = await newUser();
    expect((await twoFactorStatus(userId)).pendingSecret).toBeNull();
    const abandoned = await pendingSecret(userId);
    const secret = await pendingSecret(userId);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).not.toBe(abandoned);
    expect(await twoFactorStatus(userId)).toEqual({ enabled: false, recoveryCodesLeft: 0, pendingSecret: secret });
    expect((await twoFactorStatus(userId, new Date(Date.now() + 16 * 60_000))).pendingSecret).toBeNull();
    expect(await confirmSetup(userId, totpCodeAt(abandoned!, new Date()))).toBeNull();

    const row = await client.twoFactor.findUniqueOrThrow({ where: { userId } });
    expect(row.secretBox).not.toContain(secret!);

    const now = new Date();
    expect(await confirmSetup(userId, "000000", now)).toBeNull();
    expect(await confirmSetup(userId, totpCodeAt(newTotpSecret(), now), now)).toBeNull();
    expect((await twoFactorStatus(userId)).enabled).toBe(false);

    const codes = await confirmSetup(userId, totpCodeAt(secret!, now), now);
    expect(codes).toHaveLength(10);
    expect(await twoFactorStatus(userId)).toEqual({ enabled: true, recoveryCodesLeft: 10, pendingSecret: null });
    expect(await pendingSecret(userId)).toBeNull();
    expect(await confirmSetup(userId, totpCodeAt(secret!, later(now, 1)), later(now, 1))).toBeNull();
  });

  it("keeps the recovery codes only as hashes", async () => {
    const { userId, codes } = await enrolled(new Date());
    const stored = await client.recoveryCode.findMany({ where: { userId }, select: { codeHash: true } });
    expect(stored.map((row) => row.codeHash).sort()).toEqual(codes.map((code) => hashRecoveryCode(readRecoveryCode(code)!)).sort());
    const table = JSON.stringify(await client.recoveryCode.findMany({ where: { userId } }));
    for (const code of codes) expect(table).not.toContain(readRecoveryCode(code)!);
  });
});

describe("an app code", () => {
  it("works once: the same code, or one for an earlier step, is refused afterwards", async () => {
    const start = new Date();
    const { userId, secret } = await enrolled(start);
    // The setup's own code was for the current step: it is used already.
    expect(await useSecondFactor(userId, totpCodeAt(secret, start), start)).toEqual({ ok: false });

    const now = later(start, 2);
    const code = totpCodeAt(secret, now);
    expect(await useSecondFactor(userId, code, now)).toEqual({ ok: true, used: "app" });
    expect(await useSecondFactor(userId, code, now)).toEqual({ ok: false });
    expect(await useSecondFactor(userId, totpCodeAt(secret, later(now, -1)), now)).toEqual({ ok: false });
    expect(await useSecondFactor(userId, totpCodeAt(secret, later(now, 1)), later(now, 1))).toEqual({ ok: true, used: "app" });
    expect((await client.twoFactor.findUniqueOrThrow({ where: { userId } })).lastUsedStep).toBe(totpStep(later(now, 1)));
  });

  it("wins once of ten simultaneous posts", async () => {
    const start = new Date();
    const { userId, secret } = await enrolled(start);
    const now = later(start, 1);
    const code = totpCodeAt(secret, now);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => useSecondFactor(userId, code, now)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  });

  it("is refused for an account without two-factor, and a setup's pending secret logs nobody in", async () => {
    const userId = await newUser();
    const secret = (await pendingSecret(userId))!;
    const now = new Date();
    expect(await useSecondFactor(userId, totpCodeAt(secret, now), now)).toEqual({ ok: false });
  });
});

describe("a recovery code", () => {
  it("is refused, and kept, where only the app's code will do; the app's code works there once", async () => {
    const start = new Date();
    const { userId, secret, codes } = await enrolled(start);
    expect(await useAuthenticatorCode(userId, codes[0]!)).toBe(false);
    expect((await twoFactorStatus(userId)).recoveryCodesLeft).toBe(10);
    const now = later(start, 1);
    expect(await useAuthenticatorCode(userId, totpCodeAt(secret, now), now)).toBe(true);
    expect(await useAuthenticatorCode(userId, totpCodeAt(secret, now), now)).toBe(false);
  });

  it("works once, however it is typed, and the page can say how many are left", async () => {
    const { userId, codes } = await enrolled(new Date());
    const now = new Date();
    expect(await useSecondFactor(userId, codes[0]!.toUpperCase().replace(/-/g, " "), now)).toEqual({ ok: true, used: "recovery-code" });
    expect(await useSecondFactor(userId, codes[0]!, now)).toEqual({ ok: false });
    expect(await twoFactorStatus(userId)).toEqual({ enabled: true, recoveryCodesLeft: 9, pendingSecret: null });
  });

  it("wins once of ten simultaneous posts, and another account's code is no use", async () => {
    const ann = await enrolled(new Date());
    const bob = await enrolled(new Date());
    expect(await useSecondFactor(bob.userId, ann.codes[1]!)).toEqual({ ok: false });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => useSecondFactor(ann.userId, ann.codes[1]!)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  });

  it("is void once the codes are regenerated, and the new ones work", async () => {
    const { userId, codes } = await enrolled(new Date());
    const fresh = (await regenerateRecoveryCodes(userId))!;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[2]);
    expect(await useSecondFactor(userId, codes[2]!)).toEqual({ ok: false });
    expect((await useSecondFactor(userId, fresh[0]!)).ok).toBe(true);
  });
});

describe("turning it off", () => {
  it("deletes the secret and every code; nothing works afterwards", async () => {
    const now = new Date();
    const { userId, secret, codes } = await enrolled(now);
    await client.loginChallenge.create({ data: { id: randomUUID(), userId, next: "/cookies", expires: later(now, 10) } });
    expect(await removeTwoFactor(userId)).toBe(true);
    expect(await client.loginChallenge.count({ where: { userId } })).toBe(0);
    expect(await twoFactorStatus(userId)).toEqual({ enabled: false, recoveryCodesLeft: 0, pendingSecret: null });
    expect(await client.recoveryCode.count({ where: { userId } })).toBe(0);
    expect(await useSecondFactor(userId, codes[3]!)).toEqual({ ok: false });
    expect(await useSecondFactor(userId, totpCodeAt(secret, later(now, 1)), later(now, 1))).toEqual({ ok: false });
    expect(await regenerateRecoveryCodes(userId)).toBeNull();
    expect(await removeTwoFactor(userId)).toBe(false);
  });
});

describe("rotating AUTH_SECRET", () => {
  it("accepts a code for a secret sealed under AUTH_SECRET_PREVIOUS and seals it again under the current one", async () => {
    const userId = await newUser();
    const secret = newTotpSecret();
    const now = new Date();
    await client.twoFactor.create({
      data: { userId, secretBox: sealSecret(secret, userId, PREVIOUS_SECRET), enabledAt: now, lastUsedStep: totpStep(now) - 5 },
    });
    expect(await useSecondFactor(userId, totpCodeAt(secret, now), now)).toEqual({ ok: false });

    vi.stubEnv("AUTH_SECRET_PREVIOUS", PREVIOUS_SECRET);
    try {
      expect(await useSecondFactor(userId, totpCodeAt(secret, now), now)).toEqual({ ok: true, used: "app" });
    } finally {
      vi.stubEnv("AUTH_SECRET_PREVIOUS", "");
    }
    // Without the previous secret now: the box opens under the current one alone.
    const next = later(now, 1);
    expect(await useSecondFactor(userId, totpCodeAt(secret, next), next)).toEqual({ ok: true, used: "app" });
  });
});
