import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import type { MailMessage } from "../../mail/message";
import pg from "pg";
import { cheapHash, migratedTestDatabase, testPostgresqlUrl } from "../../db/test-database";

// One-time links on a real database with the committed migrations: password reset and
// address confirmation, from the request to the used-up link. The session cookie, the
// request's headers and the mail transport are replaced; the rows are real, so "works once",
// "the newest link wins" and "ends every session" are tested as they run.

const state = vi.hoisted(() => ({
  client: undefined as PrismaClient | undefined,
  mails: [] as MailMessage[],
  later: [] as Promise<void>[],
}));

vi.mock("../../db/client", async (importActual) => (await import("../../db/test-database")).databaseModuleOn(state, importActual));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.0.0.1", "user-agent": "Firefox/140.0" }),
}));
vi.mock("../nextauth/auth", () => ({ startSessionFor: vi.fn() }));
vi.mock("../../mail/send", () => ({ sendMail: async (message: MailMessage) => void state.mails.push(message) }));
// Mail work runs at once here, and each test waits for it (see settle()).
vi.mock("../../mail/send-later", () => ({
  sendLater: (_what: string, work: () => Promise<void>) => void state.later.push(work()),
}));
vi.mock("../throttle/store", async () => (await import("../throttle/testing")).memoryThrottleStore());

const { startSessionFor } = await import("../nextauth/auth");
const { storeNewPassword } = await import("../password/credentials");
const { confirmEmailWithLink, confirmationLinkAddress, requestEmailChange, resendConfirmationLink, sendConfirmationLink } = await import(
  "../recovery/email-confirmation"
);
const { findResetLink, requestPasswordReset, resetPasswordWithLink } = await import("../recovery/password-reset");
const { verifyPassword } = await import("../password/hashing");
const { hashLinkSecret } = await import("./secrets");
const { findLiveLink, issueEmailLink } = await import("./store");
const { RESET_REQUESTS_PER_EMAIL } = await import("../throttle/policies");
const { capLogins } = await import("../throttle/testing");
const { throttles } = await import("../throttle/store");
const { sendUnlockLink, unlockLinkAddress, unlockLogins } = await import("../recovery/login-unlock");

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new cookie jar";

let client: PrismaClient;
let databaseUrl: string;
let removeDatabase: () => Promise<void>;
let oldPasswordHash: string;

beforeAll(async () => {
  ({ client, url: databaseUrl, remove: removeDatabase } = await migratedTestDatabase("email_links"));
  state.client = client;
  oldPasswordHash = await cheapHash(PASSWORD);
  process.env.AUTH_URL = "https://shop.example";
}, 60_000);

afterAll(() => removeDatabase());

beforeEach(() => {
  state.mails = [];
  state.later = [];
  vi.mocked(startSessionFor).mockClear();
});

/** Waits for the mail work the flows handed to sendLater. */
async function settle(): Promise<void> {
  await Promise.all(state.later);
}

type Account = { id: string; email: string; role: "customer"; emailVerified: boolean };

async function newAccount({ active = true, sessions = 0 } = {}): Promise<Account> {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const user = await client.user.create({
    data: { email, active, password: { create: { hash: oldPasswordHash } } },
    select: { id: true },
  });
  for (let i = 0; i < sessions; i++) {
    await client.session.create({
      data: { id: randomUUID(), sessionToken: randomUUID(), userId: user.id, expires: new Date(Date.now() + 3_600_000) },
    });
  }
  return { id: user.id, email, role: "customer", emailVerified: false };
}

/** Whether the account's stored hash is of `password`. */
async function hasPassword(userId: string, password: string): Promise<boolean> {
  const { hash } = await client.password.findUniqueOrThrow({ where: { userId }, select: { hash: true } });
  return verifyPassword(password, hash);
}

function mailsTo(address: string): MailMessage[] {
  return state.mails.filter((mail) => mail.to === address);
}

/** The token in the one link of the newest mail to `address` that links to `path`. */
function tokenFrom(address: string, path: string): string {
  const mail = mailsTo(address).findLast((message) => message.text.includes(`https://shop.example${path}?token=`));
  const token = mail?.text.match(/\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no ${path} link was sent to ${address}`);
  return token;
}

/** What the reset form's action does: look the link up, then use it. */
async function resetWith(token: string, password: string) {
  const link = await findResetLink(token);
  return link ? resetPasswordWithLink(link, password) : ({ ok: false, reason: "invalid-link" } as const);
}

async function requestResetLink(email: string): Promise<string> {
  expect(await requestPasswordReset(email)).toEqual({ ok: true });
  await settle();
  return tokenFrom(email, "/reset-password");
}

/**
 * Runs `work` while another connection holds the account's row, on PostgreSQL: adding a link
 * checks its foreign key against that row, so every write that `work` starts stops in the
 * middle until the row is let go, once `writers` of them are waiting. That forces the
 * interleaving a busy server only sometimes hits. SQLite runs one write at a time anyway.
 */
async function withAccountRowHeld<T>(userId: string, writers: number, work: () => Promise<T>): Promise<T> {
  if (!testPostgresqlUrl()) return work();
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(`SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [userId]);
    const running = work();
    for (let waiting = 0; waiting < writers; await new Promise((resolve) => setTimeout(resolve, 20))) {
      // Statistics are a snapshot per transaction: take a fresh one each time.
      await holder.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await holder.query<{ n: number }>(
        `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      waiting = rows[0]!.n;
    }
    await holder.query("COMMIT");
    return await running;
  } finally {
    await holder.end();
  }
}

describe("issuing a link", () => {
  const SIMULTANEOUS = 8;

  it(`leaves exactly one live link when ${SIMULTANEOUS} are issued at once`, async () => {
    const account = await newAccount();
    const secrets = await withAccountRowHeld(account.id, SIMULTANEOUS, () =>
      Promise.all(Array.from({ length: SIMULTANEOUS }, () => issueEmailLink(account.id, "password-reset", account.email))),
    );
    const live = [];
    for (const secret of secrets) if (await findLiveLink(secret, "password-reset")) live.push(secret);
    expect(live).toHaveLength(1);
    expect(await client.emailLink.findMany({ where: { userId: account.id }, select: { tokenHash: true } })).toEqual([
      { tokenHash: hashLinkSecret(live[0]!) },
    ]);
  });

  it(`mails the one live link when ${SIMULTANEOUS} requests for it arrive at once`, async () => {
    const account = await newAccount();
    await withAccountRowHeld(account.id, SIMULTANEOUS, () => {
      for (let i = 0; i < SIMULTANEOUS; i++) sendConfirmationLink(account);
      return settle();
    });
    const rows = await client.emailLink.findMany({ where: { userId: account.id } });
    expect(rows).toHaveLength(1);
    const mailed = mailsTo(account.email).map((mail) => mail.text.match(/\?token=([A-Za-z0-9_-]+)/)![1]!);
    expect(mailed.map(hashLinkSecret)).toContain(rows[0]!.tokenHash);
    // An overtaken request checks before it mails, so most send nothing (how many depends on timing).
    expect(mailed.length).toBeLessThanOrEqual(SIMULTANEOUS);
  });
});

describe("asking for a reset link", () => {
  it("mails a link to the account, and keeps only the hash of its secret", async () => {
    const account = await newAccount();
    const token = await requestResetLink(account.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mailsTo(account.email)).toHaveLength(1);
    const rows = await client.emailLink.findMany({ where: { userId: account.id } });
    expect(rows).toEqual([expect.objectContaining({ tokenHash: hashLinkSecret(token), purpose: "password-reset", email: account.email })]);
    expect(JSON.stringify(rows)).not.toContain(token);
    const lifetime = rows[0]!.expires.getTime() - rows[0]!.createdAt.getTime();
    expect(lifetime).toBe(60 * 60 * 1000);
    expect(await client.authEvent.count({ where: { userId: account.id, type: "password-reset-requested" } })).toBe(1);
  });

  it("answers the same for an address without an account, and sends nothing", async () => {
    const before = await client.emailLink.count();
    expect(await requestPasswordReset("nobody-here@example.com")).toEqual({ ok: true });
    await settle();
    expect(state.mails).toEqual([]);
    expect(await client.emailLink.count()).toBe(before);
  });

  it("sends nothing to a deactivated account", async () => {
    const account = await newAccount({ active: false });
    expect(await requestPasswordReset(account.email)).toEqual({ ok: true });
    await settle();
    expect(state.mails).toEqual([]);
  });

  it(`is throttled after ${RESET_REQUESTS_PER_EMAIL} requests for one address`, async () => {
    const account = await newAccount();
    // One after the other (simultaneous ones would mail only the link left live).
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL; i++) {
      expect((await requestPasswordReset(account.email)).ok).toBe(true);
      await settle();
    }
    expect(await requestPasswordReset(account.email)).toMatchObject({ ok: false, reason: "throttled" });
    await settle();
    expect(mailsTo(account.email)).toHaveLength(RESET_REQUESTS_PER_EMAIL);
  });
});

describe("resetting with the link", () => {
  it("a password change ends the logins waiting for a second factor", async () => {
    const account = await newAccount({ sessions: 1 });
    await client.loginChallenge.create({
      data: { id: "begun-with-the-old-password", userId: account.id, next: "/cookies", expires: new Date(Date.now() + 60_000) },
    });
    const [session] = await client.session.findMany({ where: { userId: account.id } });
    await storeNewPassword(account.id, session!.id, NEW_PASSWORD);
    expect(await client.loginChallenge.count({ where: { userId: account.id } })).toBe(0);
  });

  it("signs nobody in when the account has two-factor on: the link is not the second factor", async () => {
    const account = await newAccount({ sessions: 1 });
    await client.twoFactor.create({ data: { userId: account.id, secretBox: "v1.sealed.elsewhere", enabledAt: new Date() } });
    await client.loginChallenge.create({
      data: { id: "a-pending-challenge", userId: account.id, next: "/cookies", expires: new Date(Date.now() + 60_000) },
    });
    // Issued directly: asking for it would spend the address's shared allowance of requests.
    const outcome = await resetWith(await issueEmailLink(account.id, "password-reset", account.email), NEW_PASSWORD);
    expect(outcome).toMatchObject({ ok: true, signedIn: false });
    expect(startSessionFor).not.toHaveBeenCalled();
    expect(await client.session.count({ where: { userId: account.id } })).toBe(0);
    expect(await client.loginChallenge.count({ where: { userId: account.id } })).toBe(0);
    expect(await hasPassword(account.id, NEW_PASSWORD)).toBe(true);
  });

  it("sets the password, ends every session, uses up the link and tells the address", async () => {
    const account = await newAccount({ sessions: 3 });
    const token = await requestResetLink(account.email);
    expect((await findResetLink(token))?.accountEmail).toBe(account.email);

    const outcome = await resetWith(token, NEW_PASSWORD);
    expect(outcome).toEqual({ ok: true, user: { ...account, emailVerified: true }, signedIn: true });
    expect(await hasPassword(account.id, NEW_PASSWORD)).toBe(true);
    expect(await hasPassword(account.id, PASSWORD)).toBe(false);
    expect(await client.session.count({ where: { userId: account.id } })).toBe(0);
    expect(startSessionFor).toHaveBeenCalledOnce(); // the fresh session, here
    expect((await client.authEvent.findFirst({ where: { userId: account.id, type: "password-reset" } }))?.detail).toBe(
      "3 sessions ended",
    );
    await settle();
    expect(mailsTo(account.email).map((mail) => mail.subject)).toContain("Your Cookieshop password was changed");

    expect(await findResetLink(token)).toBeNull();
    expect(await resetWith(token, "yet another long password")).toEqual({ ok: false, reason: "invalid-link" });
    expect(await hasPassword(account.id, NEW_PASSWORD)).toBe(true);
  });

  it("works only with the newest link", async () => {
    const account = await newAccount();
    const first = await requestResetLink(account.email);
    const second = await requestResetLink(account.email);
    expect(await resetWith(first, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
    expect((await resetWith(second, NEW_PASSWORD)).ok).toBe(true);
  });

  it("refuses an expired link", async () => {
    const account = await newAccount();
    const token = await requestResetLink(account.email);
    await client.emailLink.updateMany({ where: { userId: account.id }, data: { expires: new Date(Date.now() - 1) } });
    expect(await findResetLink(token)).toBeNull();
    expect(await resetWith(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
    expect(await hasPassword(account.id, PASSWORD)).toBe(true);
  });

  it("refuses forged and malformed links without a lookup", async () => {
    for (const token of ["", "x", "A".repeat(43), `${"A".repeat(42)}\u0000`, "A".repeat(44)]) {
      expect(await findResetLink(token)).toBeNull();
      expect(await resetWith(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
    }
  });

  it("stops a link sent before the password was changed on the Security page", async () => {
    const account = await newAccount({ sessions: 1 });
    const token = await requestResetLink(account.email);
    const keep = await client.session.findFirstOrThrow({ where: { userId: account.id } });
    await storeNewPassword(account.id, keep.id, "changed the usual way");
    expect(await resetWith(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
  });

  it("checks the link again as it uses it: deactivated or moved since the lookup, it does nothing", async () => {
    const account = await newAccount();
    const looked = await findResetLink(await requestResetLink(account.email));
    await client.user.update({ where: { id: account.id }, data: { active: false } });
    expect(await resetPasswordWithLink(looked!, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });

    const other = await newAccount();
    const found = await findResetLink(await requestResetLink(other.email));
    await client.user.update({ where: { id: other.id }, data: { email: `moved-${other.email}` } });
    expect(await resetPasswordWithLink(found!, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
    expect(await hasPassword(other.id, PASSWORD)).toBe(true);
  });

  it("stops a link for a deactivated account", async () => {
    const account = await newAccount();
    const token = await requestResetLink(account.email);
    await client.user.update({ where: { id: account.id }, data: { active: false } });
    expect(await resetWith(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
  });

  it("lets exactly one of several simultaneous uses of a link through", async () => {
    const account = await newAccount();
    const token = await requestResetLink(account.email);
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => resetWith(token, `${NEW_PASSWORD} number ${i}`)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(startSessionFor).toHaveBeenCalledOnce();
  });
});

describe("confirming an address", () => {
  it("confirms the account's address once", async () => {
    const account = await newAccount();
    sendConfirmationLink(account);
    await settle();
    const token = tokenFrom(account.email, "/verify-email");
    expect(await client.emailLink.findFirst({ where: { userId: account.id } })).toMatchObject({ purpose: "confirm-email" });
    const row = await client.emailLink.findFirstOrThrow({ where: { userId: account.id } });
    expect(row.expires.getTime() - row.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(await confirmationLinkAddress(token)).toEqual({ email: account.email, change: false });

    expect(await confirmEmailWithLink(token)).toEqual({ ok: true, changed: false });
    expect((await client.user.findUniqueOrThrow({ where: { id: account.id } })).emailVerified).toBeInstanceOf(Date);
    expect(await confirmEmailWithLink(token)).toEqual({ ok: false, reason: "invalid-link" });
  });

  it("does not take a reset link for a confirmation link, or the other way round", async () => {
    const account = await newAccount();
    const resetToken = await requestResetLink(account.email);
    expect(await confirmEmailWithLink(resetToken)).toEqual({ ok: false, reason: "invalid-link" });
    sendConfirmationLink(account);
    await settle();
    expect(await resetWith(tokenFrom(account.email, "/verify-email"), NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
  });

  it("resends only to an unconfirmed address, a few times an hour", async () => {
    const account = await newAccount();
    expect(await resendConfirmationLink({ ...account, emailVerified: true })).toEqual({ ok: true, alreadyConfirmed: true });
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await resendConfirmationLink(account));
      await settle();
    }
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill({ ok: true, alreadyConfirmed: false }));
    expect(outcomes[5]).toMatchObject({ ok: false, reason: "throttled" });
    await settle();
    expect(mailsTo(account.email)).toHaveLength(5);
  });
});

describe("changing the address", () => {
  it("needs the password, and changes nothing until the new address is confirmed", async () => {
    const account = await newAccount();
    const newEmail = `new-${account.email}`;
    expect(await requestEmailChange(account, "not my password at all", newEmail)).toEqual({ ok: false, reason: "wrong-password" });
    expect(await requestEmailChange(account, PASSWORD, account.email)).toEqual({ ok: false, reason: "same-address" });
    const other = await newAccount();
    expect(await requestEmailChange(account, PASSWORD, other.email)).toEqual({ ok: false, reason: "email-taken" });
    await settle();
    expect(state.mails).toEqual([]);

    const resetToken = await requestResetLink(account.email);
    expect(await requestEmailChange(account, PASSWORD, newEmail)).toEqual({ ok: true });
    await settle();
    expect(mailsTo(account.email).at(-1)?.text).toContain(newEmail); // the notice to the old address
    const token = tokenFrom(newEmail, "/verify-email");
    expect((await client.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
    expect(await confirmationLinkAddress(token)).toEqual({ email: newEmail, change: true });

    expect(await confirmEmailWithLink(token)).toEqual({ ok: true, changed: true });
    const user = await client.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.email).toBe(newEmail);
    expect(user.emailVerified).toBeInstanceOf(Date);
    // The reset link went to the old address: it no longer opens the account.
    expect(await resetWith(resetToken, NEW_PASSWORD)).toEqual({ ok: false, reason: "invalid-link" });
    expect(await client.authEvent.count({ where: { userId: account.id, type: "email-changed" } })).toBe(1);
  });

  it("is cancelled by a password reset or change: whoever asked for it may have had the old password", async () => {
    const account = await newAccount({ sessions: 1 });
    const byReset = `by-reset-${account.email}`;
    expect(await requestEmailChange(account, PASSWORD, byReset)).toEqual({ ok: true });
    await settle();
    expect((await resetWith(await requestResetLink(account.email), NEW_PASSWORD)).ok).toBe(true);
    expect(await confirmEmailWithLink(tokenFrom(byReset, "/verify-email"))).toEqual({ ok: false, reason: "invalid-link" });

    const byChange = `by-change-${account.email}`;
    expect(await requestEmailChange(account, NEW_PASSWORD, byChange)).toEqual({ ok: true });
    await settle();
    const session = await client.session.create({
      data: { id: randomUUID(), sessionToken: randomUUID(), userId: account.id, expires: new Date(Date.now() + 3_600_000) },
    });
    await storeNewPassword(account.id, session.id, "changed the usual way");
    expect(await confirmEmailWithLink(tokenFrom(byChange, "/verify-email"))).toEqual({ ok: false, reason: "invalid-link" });
    expect((await client.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
  });

  it("refuses the change when someone took the new address meanwhile", async () => {
    const account = await newAccount();
    const newEmail = `taken-${account.email}`;
    expect(await requestEmailChange(account, PASSWORD, newEmail)).toEqual({ ok: true });
    await settle();
    await client.user.create({ data: { email: newEmail } });
    expect(await confirmEmailWithLink(tokenFrom(newEmail, "/verify-email"))).toEqual({ ok: false, reason: "email-taken" });
    expect((await client.user.findUniqueOrThrow({ where: { id: account.id } })).email).toBe(account.email);
  });
});

describe("unlocking capped logins", () => {
  async function unlockToken(email: string): Promise<string> {
    sendUnlockLink(email);
    await settle();
    return tokenFrom(email, "/unlock");
  }

  it("mails the account one link, for 7 days, that allows logins again once", async () => {
    const account = await newAccount();
    await capLogins(throttles, account.email);
    const token = await unlockToken(account.email);
    expect(mailsTo(account.email).map((mail) => mail.subject)).toEqual(["Password logins to your Cookieshop account are paused"]);
    const [row] = await client.emailLink.findMany({ where: { userId: account.id, purpose: "unlock-login" } });
    expect(row!.expires.getTime() - row!.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    expect(row!.tokenHash).toBe(hashLinkSecret(token));

    expect(await unlockLinkAddress(token)).toBe(account.email); // looking changes nothing
    expect(await throttles.beginLogin(account.email, "10.0.0.3")).toEqual({ allowed: false, capped: true });

    expect(await unlockLogins(token)).toBe(true);
    expect((await throttles.beginLogin(account.email, "10.0.0.3")).allowed).toBe(true);
    expect(await client.authEvent.count({ where: { userId: account.id, type: "login-unlocked" } })).toBe(1);

    expect(await unlockLinkAddress(token)).toBeNull();
    expect(await unlockLogins(token)).toBe(false);
    expect(await client.authEvent.count({ where: { userId: account.id, type: "login-unlocked" } })).toBe(1);
  });

  it("sends nothing for an address without an account, or a deactivated one", async () => {
    const deactivated = await newAccount({ active: false });
    const before = await client.emailLink.count();
    sendUnlockLink("nobody-at-the-cap@example.com");
    sendUnlockLink(deactivated.email);
    await settle();
    expect(state.mails).toEqual([]);
    expect(await client.emailLink.count()).toBe(before);
  });

  it("refuses an expired, forged or malformed link and lifts nothing", async () => {
    const account = await newAccount();
    await capLogins(throttles, account.email);
    const token = await unlockToken(account.email);
    await client.emailLink.updateMany({ where: { userId: account.id }, data: { expires: new Date(Date.now() - 1) } });
    for (const candidate of [token, "A".repeat(43), "x", "", null, 42]) {
      expect(await unlockLinkAddress(candidate)).toBeNull();
      expect(await unlockLogins(candidate)).toBe(false);
    }
    expect(await throttles.beginLogin(account.email, "10.0.0.3")).toEqual({ allowed: false, capped: true });
  });

  it("does not take a reset link for an unlock link, nor the other way round", async () => {
    const account = await newAccount();
    await capLogins(throttles, account.email);
    // Issued directly: this file's requests from one address are past the per-address limit by now.
    const resetToken = await issueEmailLink(account.id, "password-reset", account.email);
    expect(await unlockLogins(resetToken)).toBe(false);
    const unlock = await unlockToken(account.email);
    expect(await findResetLink(unlock)).toBeNull();
  });

  it("is lifted by a completed password reset too, once the unlock link has expired", async () => {
    const account = await newAccount();
    await capLogins(throttles, account.email);
    await unlockToken(account.email);
    await client.emailLink.updateMany({ where: { userId: account.id }, data: { expires: new Date(Date.now() - 1) } });
    const resetToken = await issueEmailLink(account.id, "password-reset", account.email);
    expect((await resetWith(resetToken, NEW_PASSWORD)).ok).toBe(true);
    expect((await throttles.beginLogin(account.email, "10.0.0.3")).allowed).toBe(true);
  });
});
