import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import { migratedTestDatabase } from "../db/test-database";
import type { MailMessage } from "../mail/message";

// The operator's commands (npm run users) on a real database; the throttles in memory, the
// mail transport replaced. What is tested here: activate and sign-out also give back an
// email's capped logins; reset-two-factor removes every trace of the second factor.

const state = vi.hoisted(() => ({
  client: undefined as PrismaClient | undefined,
  mails: [] as MailMessage[],
  mailFailure: undefined as Error | undefined,
}));

vi.mock("../db/client", async (importActual) => (await import("../db/test-database")).databaseModuleOn(state, importActual));
vi.mock("../auth/throttle/store", async () => (await import("../auth/throttle/testing")).memoryThrottleStore());
vi.mock("../mail/send", () => ({
  sendMail: async (message: MailMessage) => {
    if (state.mailFailure) throw state.mailFailure;
    state.mails.push(message);
  },
}));

const { resetTwoFactor, setAccountActive, signOutEverywhere } = await import("./operator");
const { throttles } = await import("../auth/throttle/store");
const { capLogins } = await import("../auth/throttle/testing");

let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  let client: PrismaClient;
  ({ client, remove: removeDatabase } = await migratedTestDatabase("accounts"));
  state.client = client;
  process.env.AUTH_URL = "https://shop.example";
}, 60_000);

beforeEach(() => {
  state.mails = [];
  state.mailFailure = undefined;
});

afterAll(() => removeDatabase());

describe("the operator's commands and capped logins", () => {
  it.each([
    ["activate", (email: string) => setAccountActive(email, true)],
    ["sign-out", (email: string) => signOutEverywhere(email)],
  ])("%s allows the account's password logins again", async (name, command) => {
    const email = `${name}@example.com`;
    await state.client!.user.create({ data: { email } });
    await capLogins(throttles, email);
    expect(await command(email)).toEqual({ sessionsEnded: 0 });
    expect((await throttles.beginLogin(email, "10.1.0.1")).allowed).toBe(true);
  });

  it("deactivate leaves the cap as it is", async () => {
    const email = "deactivate@example.com";
    await state.client!.user.create({ data: { email } });
    await capLogins(throttles, email);
    await setAccountActive(email, false);
    expect(await throttles.beginLogin(email, "10.1.0.1")).toEqual({ allowed: false, capped: true });
  });
});

/** An account with two-factor on, as setting it up leaves it, with a pending login and a session. */
async function accountWithTwoFactor(email: string): Promise<string> {
  const client = state.client!;
  const { id: userId } = await client.user.create({ data: { email } });
  await client.twoFactor.create({ data: { userId, secretBox: "v1.x.y", enabledAt: new Date() } });
  await client.recoveryCode.createMany({ data: ["a", "b"].map((letter) => ({ userId, codeHash: `${email}-${letter}` })) });
  const inAMinute = new Date(Date.now() + 60_000);
  await client.loginChallenge.create({ data: { id: `challenge-${email}`, userId, next: "/account", expires: inAMinute } });
  await client.session.create({ data: { id: `session-${email}`, sessionToken: `token-${email}`, userId, expires: inAMinute } });
  return userId;
}

async function twoFactorRows(userId: string) {
  const client = state.client!;
  const where = { where: { userId } };
  return {
    twoFactor: await client.twoFactor.count(where),
    recoveryCodes: await client.recoveryCode.count(where),
    loginChallenges: await client.loginChallenge.count(where),
    sessions: await client.session.count(where),
  };
}

describe("reset-two-factor", () => {
  it("turns two-factor off, ends every session and pending login, and tells the owner", async () => {
    const email = "lost-phone@example.com";
    const userId = await accountWithTwoFactor(email);
    await capLogins(throttles, email);

    expect(await resetTwoFactor(email)).toEqual({ twoFactorWasOn: true, sessionsEnded: 1, noticeFailure: null });

    expect(await twoFactorRows(userId)).toEqual({ twoFactor: 0, recoveryCodes: 0, loginChallenges: 0, sessions: 0 });
    const events = await state.client!.authEvent.findMany({ where: { userId }, select: { type: true, device: true } });
    expect(events).toContainEqual({ type: "two-factor-reset", device: "Operator command" });
    expect(state.mails).toEqual([expect.objectContaining({ to: email, subject: "Two-factor login is off for your Cookieshop account" })]);
    expect(state.mails[0]!.text).toContain("At your request, the shop turned off two-factor login");
    expect((await throttles.beginLogin(email, "10.1.0.1")).allowed).toBe(true);
  });

  it("changes nothing for an account without two-factor", async () => {
    const email = "no-second-factor@example.com";
    const { id: userId } = await state.client!.user.create({ data: { email } });
    await state.client!.session.create({ data: { id: "session-plain", sessionToken: "token-plain", userId, expires: new Date(Date.now() + 60_000) } });

    expect(await resetTwoFactor(email)).toEqual({ twoFactorWasOn: false });
    expect(await state.client!.session.count({ where: { userId } })).toBe(1);
    expect(await state.client!.authEvent.count({ where: { userId } })).toBe(0);
    expect(state.mails).toEqual([]);
  });

  it("knows no account for an unknown email", async () => {
    expect(await resetTwoFactor("nobody@example.com")).toBeNull();
  });

  it("keeps the reset when the mail fails, and says why without the server's words", async () => {
    const email = "mail-down@example.com";
    const userId = await accountWithTwoFactor(email);
    state.mailFailure = Object.assign(new Error(`<${email}>: Recipient address rejected`), { code: "EENVELOPE" });

    const result = await resetTwoFactor(email);

    expect(result).toEqual({ twoFactorWasOn: true, sessionsEnded: 1, noticeFailure: "Error, code EENVELOPE" });
    expect(await twoFactorRows(userId)).toEqual({ twoFactor: 0, recoveryCodes: 0, loginChallenges: 0, sessions: 0 });
  });
});
