import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PasswordWorkBusy } from "../auth/password/threads";
import { EMAIL_LOCKOUT_SECONDS, LOGIN_FAILURES_BEFORE_CAP, LOGIN_FAILURES_PER_EMAIL, SIGNUPS_PER_IP, createThrottles } from "../auth/throttle/policies";

// The flows with their collaborators replaced: what runs, and what never runs, when a
// throttle says no. (The real thing, end to end, is in e2e/login-throttling.spec.ts.)

const mocks = vi.hoisted(() => ({
  verifyCredentials: vi.fn(),
  registerUser: vi.fn(),
  startSessionFor: vi.fn(),
  endSession: vi.fn(),
  recordAuthEvent: vi.fn(),
  mergeGuestCartInto: vi.fn(),
  sendConfirmationLink: vi.fn(),
  sendUnlockLink: vi.fn(),
  hasTwoFactor: vi.fn(async () => false),
}));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.0.0.1", "user-agent": "Firefox/140.0" }),
}));
vi.mock("../auth/password/credentials", () => ({ verifyCredentials: mocks.verifyCredentials, registerUser: mocks.registerUser }));
vi.mock("../auth/nextauth/auth", () => ({ startSessionFor: mocks.startSessionFor, endSession: mocks.endSession }));
vi.mock("../auth/audit/trail", () => ({ recordAuthEvent: mocks.recordAuthEvent }));
vi.mock("../shop/cart", () => ({ mergeGuestCartInto: mocks.mergeGuestCartInto }));
vi.mock("../auth/recovery/email-confirmation", () => ({ sendConfirmationLink: mocks.sendConfirmationLink }));
vi.mock("../auth/recovery/login-unlock", () => ({ sendUnlockLink: mocks.sendUnlockLink }));
// The second factor has its own tests (lib/auth/two-factor/store.test.ts, e2e/two-factor.spec.ts): here it is off.
vi.mock("../auth/two-factor/store", () => ({ hasTwoFactor: mocks.hasTwoFactor, useSecondFactor: vi.fn() }));
vi.mock("../auth/two-factor/challenge", () => ({}));
vi.mock("../auth/two-factor/notices", () => ({}));
vi.mock("../auth/throttle/store", () => ({
  get throttles() {
    return currentThrottles;
  },
}));

let currentThrottles = createThrottles((options) => new RateLimiterMemory(options));
const { logIn, signUp } = await import("./doors");

const ann = { id: "u1", email: "ann@example.com", role: "customer" as const, emailVerified: false };

beforeEach(() => {
  vi.clearAllMocks();
  currentThrottles = createThrottles((options) => new RateLimiterMemory(options));
});

describe("logIn", () => {
  it("refuses a locked email without checking the password, even the right one", async () => {
    mocks.verifyCredentials.mockResolvedValue({ ok: false, userId: "u1" });
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
      expect(await logIn({ email: ann.email, password: "wrong", remember: false })).toEqual({
        ok: false,
        reason: "invalid-credentials",
      });
    }
    expect(mocks.verifyCredentials).toHaveBeenCalledTimes(LOGIN_FAILURES_PER_EMAIL);
    expect(mocks.recordAuthEvent).toHaveBeenCalledWith("locked-out", "u1", expect.anything());

    mocks.verifyCredentials.mockResolvedValue({ ok: true, user: ann });
    const refused = await logIn({ email: ann.email, password: "right", remember: false });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect(mocks.verifyCredentials).toHaveBeenCalledTimes(LOGIN_FAILURES_PER_EMAIL); // no bcrypt
    expect(mocks.startSessionFor).not.toHaveBeenCalled();
    expect(mocks.mergeGuestCartInto).not.toHaveBeenCalled(); // neither after the failures nor when throttled
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    mocks.verifyCredentials.mockResolvedValueOnce({ ok: false, userId: "u1" });
    mocks.verifyCredentials.mockResolvedValueOnce({ ok: false, userId: null });
    const wrongPassword = await logIn({ email: ann.email, password: "wrong", remember: false });
    const unknownEmail = await logIn({ email: "nobody@example.com", password: "wrong", remember: false });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(mocks.recordAuthEvent.mock.calls.map((call) => call.slice(0, 2))).toEqual([
      ["login-failed", "u1"],
      ["login-failed", null],
    ]);
    expect(mocks.mergeGuestCartInto).not.toHaveBeenCalled();
  });

  it("starts a session with the client's address after a success", async () => {
    mocks.verifyCredentials.mockResolvedValue({ ok: true, user: ann });
    expect(await logIn({ email: ann.email, password: "right", remember: true })).toEqual({ ok: true, user: ann });
    expect(mocks.startSessionFor).toHaveBeenCalledWith(ann, true, { ip: "10.0.0.1", userAgent: "Firefox/140.0" });
    expect(mocks.recordAuthEvent).toHaveBeenCalledWith("login-succeeded", "u1", expect.anything(), undefined); // no detail: a password login
  });

  it("merges the visitor's cart into the account once the login succeeds", async () => {
    mocks.verifyCredentials.mockResolvedValue({ ok: true, user: ann });
    await logIn({ email: ann.email, password: "right", remember: false });
    expect(mocks.mergeGuestCartInto).toHaveBeenCalledTimes(1);
    expect(mocks.mergeGuestCartInto).toHaveBeenCalledWith("u1");
    expect(mocks.mergeGuestCartInto.mock.invocationCallOrder[0]).toBeGreaterThan(mocks.startSessionFor.mock.invocationCallOrder[0]!);
  });
});

describe(`logIn at the cap of ${LOGIN_FAILURES_BEFORE_CAP} consecutive failures`, () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Wrong passwords for the email, the 15-minute locks waited out: what each answered. */
  async function failAcrossLocks(email: string, times: number) {
    const reasons = new Set<string>();
    for (let i = 0; i < times; i++) {
      let outcome = await logIn({ email, password: "wrong", remember: false });
      if (!outcome.ok && outcome.reason === "throttled") {
        vi.advanceTimersByTime(EMAIL_LOCKOUT_SECONDS * 1000 + 1);
        outcome = await logIn({ email, password: "wrong", remember: false });
      }
      reasons.add(outcome.ok ? "ok" : outcome.reason);
    }
    return reasons;
  }

  it("refuses the right password without checking it, and asks for one unlock mail per cap", async () => {
    mocks.verifyCredentials.mockResolvedValue({ ok: false, userId: "u1" });
    expect(await failAcrossLocks(ann.email, LOGIN_FAILURES_BEFORE_CAP)).toEqual(new Set(["invalid-credentials"]));
    expect(mocks.verifyCredentials).toHaveBeenCalledTimes(LOGIN_FAILURES_BEFORE_CAP);
    expect(mocks.sendUnlockLink).toHaveBeenCalledExactlyOnceWith(ann.email);
    expect(mocks.recordAuthEvent.mock.calls.filter(([type]) => type === "login-capped")).toEqual([["login-capped", "u1", expect.anything()]]);

    mocks.verifyCredentials.mockResolvedValue({ ok: true, user: ann });
    for (let i = 0; i < 30; i++) {
      expect(await logIn({ email: ann.email, password: "right", remember: false })).toEqual({ ok: false, reason: "capped" });
      vi.advanceTimersByTime(EMAIL_LOCKOUT_SECONDS * 1000 + 1);
    }
    expect(mocks.verifyCredentials).toHaveBeenCalledTimes(LOGIN_FAILURES_BEFORE_CAP); // no bcrypt
    expect(mocks.startSessionFor).not.toHaveBeenCalled();
    expect(mocks.sendUnlockLink).toHaveBeenCalledOnce(); // not one per attempt

    await currentThrottles.clearLoginFailures(ann.email);
    expect(await logIn({ email: ann.email, password: "right", remember: false })).toEqual({ ok: true, user: ann });
  });

  it("takes the same path for an unknown email: the same answers, and the mail decided after the answer", async () => {
    mocks.verifyCredentials.mockResolvedValue({ ok: false, userId: null });
    expect(await failAcrossLocks("nobody@example.com", LOGIN_FAILURES_BEFORE_CAP)).toEqual(new Set(["invalid-credentials"]));
    expect(await logIn({ email: "nobody@example.com", password: "x", remember: false })).toEqual({ ok: false, reason: "capped" });
    expect(mocks.sendUnlockLink).toHaveBeenCalledExactlyOnceWith("nobody@example.com");
    expect(mocks.recordAuthEvent).toHaveBeenCalledWith("login-capped", null, expect.anything());
  });

  it("is reset by a success before the cap", async () => {
    mocks.verifyCredentials.mockResolvedValue({ ok: false, userId: "u1" });
    await failAcrossLocks(ann.email, LOGIN_FAILURES_BEFORE_CAP - 1);
    mocks.verifyCredentials.mockResolvedValueOnce({ ok: true, user: ann });
    vi.advanceTimersByTime(EMAIL_LOCKOUT_SECONDS * 1000 + 1);
    expect((await logIn({ email: ann.email, password: "right", remember: false })).ok).toBe(true);
    expect(await failAcrossLocks(ann.email, LOGIN_FAILURES_BEFORE_CAP - 1)).toEqual(new Set(["invalid-credentials"]));
    expect(mocks.sendUnlockLink).not.toHaveBeenCalled();
  });
});

describe("signUp", () => {
  it("refuses beyond the per-address limit without hashing anything", async () => {
    mocks.registerUser.mockResolvedValue({ ok: true, user: ann });
    for (let i = 0; i < SIGNUPS_PER_IP; i++) {
      expect((await signUp({ email: ann.email, password: "x", passwordConfirmation: "x" })).ok).toBe(true);
    }
    expect(await signUp({ email: ann.email, password: "x", passwordConfirmation: "x" })).toMatchObject({ reason: "throttled" });
    expect(mocks.registerUser).toHaveBeenCalledTimes(SIGNUPS_PER_IP);
    expect(mocks.mergeGuestCartInto).toHaveBeenCalledTimes(SIGNUPS_PER_IP); // not for the throttled one
    expect(mocks.sendConfirmationLink).toHaveBeenCalledTimes(SIGNUPS_PER_IP);
  });

  it("gives the address its point back when the password threads were too busy to hash", async () => {
    mocks.registerUser.mockRejectedValue(new PasswordWorkBusy(1000));
    for (let i = 0; i < SIGNUPS_PER_IP + 5; i++) {
      await expect(signUp({ email: ann.email, password: "x", passwordConfirmation: "x" })).rejects.toBeInstanceOf(PasswordWorkBusy);
    }
    mocks.registerUser.mockResolvedValue({ ok: true, user: ann });
    expect((await signUp({ email: ann.email, password: "x", passwordConfirmation: "x" })).ok).toBe(true);
  });

  it("merges the visitor's cart into the new account and sends a link to confirm its address", async () => {
    mocks.registerUser.mockResolvedValue({ ok: true, user: ann });
    expect(await signUp({ email: ann.email, password: "x", passwordConfirmation: "x" })).toEqual({ ok: true, user: ann });
    expect(mocks.mergeGuestCartInto).toHaveBeenCalledTimes(1);
    expect(mocks.mergeGuestCartInto).toHaveBeenCalledWith("u1");
    expect(mocks.sendConfirmationLink).toHaveBeenCalledExactlyOnceWith(ann);
  });

  it("starts no session and records nothing when the email is taken", async () => {
    mocks.registerUser.mockResolvedValue({ ok: false, reason: "email-taken" });
    expect(await signUp({ email: ann.email, password: "x", passwordConfirmation: "x" })).toEqual({ ok: false, reason: "email-taken" });
    expect(mocks.startSessionFor).not.toHaveBeenCalled();
    expect(mocks.recordAuthEvent).not.toHaveBeenCalled();
    expect(mocks.mergeGuestCartInto).not.toHaveBeenCalled();
    expect(mocks.sendConfirmationLink).not.toHaveBeenCalled();
  });
});
