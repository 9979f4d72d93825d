import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type Capped,
  EMAIL_LOCKOUT_SECONDS,
  LOGIN_FAILURES_BEFORE_CAP,
  IP_FAILURE_WINDOW_SECONDS,
  LOGIN_FAILURES_PER_EMAIL,
  LOGIN_FAILURES_PER_IP,
  ACCOUNT_MAIL_REQUESTS_PER_USER,
  CURRENT_PASSWORD_CHECKS_PER_USER,
  CURRENT_PASSWORD_WINDOW_SECONDS,
  RESET_REQUESTS_PER_EMAIL,
  RESET_REQUESTS_PER_IP,
  RESET_REQUEST_WINDOW_SECONDS,
  type LoginAttempt,
  type Refusal,
  SIGNUPS_PER_IP,
  type Throttles,
  createThrottles,
  retryAfterMinutes,
  tooManyAttemptsMessage,
} from "./policies";

const memory = () => createThrottles((options) => new RateLimiterMemory(options));

function expectAllowed(result: LoginAttempt | Refusal | Capped): LoginAttempt {
  if (!result.allowed) throw new Error("capped" in result ? "capped" : `refused, retry in ${result.retryAfterMs} ms`);
  return result;
}

async function fail(throttles: Throttles, email: string, ip: string, times: number) {
  let lockedOut = false;
  for (let i = 0; i < times; i++) {
    ({ lockedOut } = await expectAllowed(await throttles.beginLogin(email, ip)).failed());
  }
  return lockedOut;
}

/**
 * Fails `times` logins for the email, waiting out each 15-minute lock as an attacker would;
 * says which of them reached the cap (1-based). Needs fake timers.
 */
async function failWaitingOutLocks(throttles: Throttles, email: string, times: number): Promise<number[]> {
  const capping: number[] = [];
  for (let i = 1; i <= times; i++) {
    let attempt = await throttles.beginLogin(email, `10.2.${i % 250}.1`);
    if (!attempt.allowed && !("capped" in attempt)) {
      vi.advanceTimersByTime(EMAIL_LOCKOUT_SECONDS * 1000 + 1);
      attempt = await throttles.beginLogin(email, `10.2.${i % 250}.1`);
    }
    if ((await expectAllowed(attempt).failed()).capped) capping.push(i);
  }
  return capping;
}

describe("login throttling", () => {
  let throttles: Throttles;
  beforeEach(() => {
    vi.useFakeTimers();
    throttles = memory();
  });
  afterEach(() => vi.useRealTimers());

  it("answers a lock in force before the check that runs ahead of counting, and counts nothing when that check throws", async () => {
    const busy = vi.fn(() => {
      throw new Error("busy");
    });
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL + 5; i++) {
      await expect(throttles.beginLogin("ann@example.com", "10.0.0.1", { beforeCounting: busy })).rejects.toThrow("busy");
    }
    expect((await throttles.beginLogin("ann@example.com", "10.0.0.1")).allowed).toBe(true); // none of those counted

    await fail(throttles, "cy@example.com", "10.0.0.3", LOGIN_FAILURES_PER_EMAIL);
    busy.mockClear();
    expect(await throttles.beginLogin("cy@example.com", "10.0.0.4", { beforeCounting: busy })).toMatchObject({ allowed: false });
    expect(busy).not.toHaveBeenCalled();
  });

  it(`locks an email for 15 minutes after ${LOGIN_FAILURES_PER_EMAIL} consecutive failures`, async () => {
    expect(await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 1)).toBe(false);
    expect(await fail(throttles, "ann@example.com", "10.0.0.1", 1)).toBe(true);

    // From anywhere: the lock is on the email, not on the address that caused it.
    const refused = await throttles.beginLogin("ann@example.com", "10.0.0.2");
    expect(refused).toMatchObject({ allowed: false });
    expect(retryAfterMinutes((refused as Refusal).retryAfterMs)).toBe(15);
    expect((await throttles.beginLogin("bob@example.com", "10.0.0.1")).allowed).toBe(true);

    vi.advanceTimersByTime(EMAIL_LOCKOUT_SECONDS * 1000 - 60_000);
    expect(retryAfterMinutes(((await throttles.beginLogin("ann@example.com", "10.0.0.2")) as Refusal).retryAfterMs)).toBe(1);
    vi.advanceTimersByTime(60_000 + 1);
    expect((await throttles.beginLogin("ann@example.com", "10.0.0.2")).allowed).toBe(true);
  });

  it("resets an email's count after a success", async () => {
    await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 1);
    await expectAllowed(await throttles.beginLogin("ann@example.com", "10.0.0.1")).succeeded();
    expect(await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 1)).toBe(false);
    expect((await throttles.beginLogin("ann@example.com", "10.0.0.1")).allowed).toBe(true);
  });

  it(`refuses an address after ${LOGIN_FAILURES_PER_IP} failures within the window, across emails`, async () => {
    for (let i = 0; i < LOGIN_FAILURES_PER_IP - 1; i++) {
      expect(await fail(throttles, `user${i}@example.com`, "10.0.0.9", 1)).toBe(false);
    }
    expect(await fail(throttles, "last@example.com", "10.0.0.9", 1)).toBe(true);
    const refused = await throttles.beginLogin("fresh@example.com", "10.0.0.9");
    expect(refused.allowed).toBe(false);
    expect((await throttles.beginLogin("fresh@example.com", "10.0.0.10")).allowed).toBe(true);
  });

  it("forgets an address's failures once the window has passed", async () => {
    for (let i = 0; i < LOGIN_FAILURES_PER_IP - 1; i++) await fail(throttles, `u${i}@example.com`, "10.0.0.9", 1);
    vi.advanceTimersByTime(IP_FAILURE_WINDOW_SECONDS * 1000 + 1);
    expect(await fail(throttles, "late@example.com", "10.0.0.9", 1)).toBe(false);
  });

  it("does not count a success against the address", async () => {
    for (let i = 0; i < LOGIN_FAILURES_PER_IP * 2; i++) {
      await expectAllowed(await throttles.beginLogin(`u${i}@example.com`, "10.0.0.9")).succeeded();
    }
    expect((await throttles.beginLogin("another@example.com", "10.0.0.9")).allowed).toBe(true);
  });

  it("lets only as many simultaneous attempts through as failures remain", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => throttles.beginLogin("ann@example.com", `10.1.0.${i}`)),
    );
    expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(LOGIN_FAILURES_PER_EMAIL);
  });

  it("does not count an attempt refused for the address against the email", async () => {
    for (let i = 0; i < LOGIN_FAILURES_PER_IP; i++) await fail(throttles, `u${i}@example.com`, "10.0.0.9", 1);
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL * 2; i++) {
      expect((await throttles.beginLogin("ann@example.com", "10.0.0.9")).allowed).toBe(false);
    }
    expect(await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 1)).toBe(false);
  });
});

describe("the second step of a login (a code after the right password)", () => {
  let throttles: Throttles;
  let writes: number;
  beforeEach(() => {
    vi.useFakeTimers();
    writes = 0;
    // Counts every call that changes a counter, so the test sees what a step writes.
    throttles = createThrottles((options) => {
      const limiter = new RateLimiterMemory(options);
      for (const method of ["consume", "reward", "block", "delete", "penalty", "set"] as const) {
        const original = limiter[method].bind(limiter) as (...args: unknown[]) => unknown;
        (limiter as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => (writes++, original(...args));
      }
      return limiter;
    });
  });
  afterEach(() => vi.useRealTimers());

  it("takes no new points when allowed: the password's attempt is still counted", async () => {
    await expectAllowed(await throttles.beginLogin("ann@example.com", "10.0.0.1"));
    writes = 0;
    expectAllowed(await throttles.resumeLogin("ann@example.com", "10.0.0.1"));
    expect(writes).toBe(0);
  });

  it("counts wrong codes toward the email's lockout, and is refused while it lasts", async () => {
    await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 3);
    await expectAllowed(await throttles.beginLogin("ann@example.com", "10.0.0.1")); // the right password
    expect(await expectAllowed(await throttles.resumeLogin("ann@example.com", "10.0.0.1")).failed()).toMatchObject({ lockedOut: false });
    expect(await expectAllowed(await throttles.resumeLogin("ann@example.com", "10.0.0.1")).failed()).toMatchObject({ lockedOut: true });

    writes = 0;
    const refused = await throttles.resumeLogin("ann@example.com", "10.0.0.2");
    expect(retryAfterMinutes((refused as Refusal).retryAfterMs)).toBe(15);
    expect(writes).toBe(0);
    expect((await throttles.beginLogin("ann@example.com", "10.0.0.2")).allowed).toBe(false);
  });

  it("is refused while the address is locked out", async () => {
    for (let i = 0; i < LOGIN_FAILURES_PER_IP; i++) await fail(throttles, `u${i}@example.com`, "10.0.0.9", 1);
    expect((await throttles.resumeLogin("ann@example.com", "10.0.0.9")).allowed).toBe(false);
    expect((await throttles.resumeLogin("ann@example.com", "10.0.0.8")).allowed).toBe(true);
  });

  it("forgets the email's failures at success, the password's attempt with them", async () => {
    await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 1);
    await expectAllowed(await throttles.beginLogin("ann@example.com", "10.0.0.1"));
    await expectAllowed(await throttles.resumeLogin("ann@example.com", "10.0.0.1")).succeeded();
    expect(await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL - 1)).toBe(false);
  });

  it("is refused past the cap, and a wrong code can reach it", async () => {
    await failWaitingOutLocks(throttles, "ann@example.com", LOGIN_FAILURES_BEFORE_CAP - 1);
    await expectAllowed(await throttles.beginLogin("ann@example.com", "10.3.0.1")); // the right password, the 100th attempt
    expect(await expectAllowed(await throttles.resumeLogin("ann@example.com", "10.3.0.1")).failed()).toMatchObject({ capped: true });
    expect(await throttles.resumeLogin("ann@example.com", "10.3.0.1")).toEqual({ allowed: false, capped: true });
  });
});

describe(`the cap of ${LOGIN_FAILURES_BEFORE_CAP} consecutive failures (NIST SP 800-63B)`, () => {
  let throttles: Throttles;
  beforeEach(() => {
    vi.useFakeTimers();
    throttles = memory();
  });
  afterEach(() => vi.useRealTimers());

  const failAcrossLocks = (email: string, times: number) => failWaitingOutLocks(throttles, email, times);

  it("stops an email's logins at the cap, across the 15-minute locks, until cleared", async () => {
    expect(await failAcrossLocks("ann@example.com", LOGIN_FAILURES_BEFORE_CAP)).toEqual([LOGIN_FAILURES_BEFORE_CAP]);

    // Refused before any password check, from anywhere, and waiting does not help.
    expect(await throttles.beginLogin("ann@example.com", "10.3.0.1")).toEqual({ allowed: false, capped: true });
    vi.advanceTimersByTime(30 * 24 * 60 * 60 * 1000);
    expect(await throttles.beginLogin("ann@example.com", "10.3.0.2")).toEqual({ allowed: false, capped: true });
    expect((await throttles.beginLogin("bob@example.com", "10.3.0.2")).allowed).toBe(true);

    await throttles.clearLoginFailures("ann@example.com");
    expect(await failAcrossLocks("ann@example.com", LOGIN_FAILURES_BEFORE_CAP - 1)).toEqual([]);
    expect((await throttles.beginLogin("ann@example.com", "10.3.0.3")).allowed).toBe(true);
  });

  it("is reset by a success, and not by time", async () => {
    await failAcrossLocks("ann@example.com", LOGIN_FAILURES_BEFORE_CAP - 1);
    vi.advanceTimersByTime(30 * 24 * 60 * 60 * 1000);
    await expectAllowed(await throttles.beginLogin("ann@example.com", "10.3.0.1")).succeeded();
    expect(await failAcrossLocks("ann@example.com", LOGIN_FAILURES_BEFORE_CAP - 1)).toEqual([]);

    vi.advanceTimersByTime(30 * 24 * 60 * 60 * 1000);
    expect(await failAcrossLocks("ann@example.com", 1)).toEqual([1]);
  });

  it("counts only attempts that were checked, not those a lock refused", async () => {
    await failAcrossLocks("ann@example.com", LOGIN_FAILURES_PER_EMAIL); // locked for 15 minutes now
    for (let i = 0; i < LOGIN_FAILURES_BEFORE_CAP * 2; i++) {
      expect(await throttles.beginLogin("ann@example.com", "10.3.0.1")).toMatchObject({ allowed: false, retryAfterMs: expect.any(Number) });
    }
    expect(await failAcrossLocks("ann@example.com", LOGIN_FAILURES_BEFORE_CAP - LOGIN_FAILURES_PER_EMAIL)).toEqual([
      LOGIN_FAILURES_BEFORE_CAP - LOGIN_FAILURES_PER_EMAIL,
    ]);
  });

  it("lets exactly one of simultaneous last attempts through, and only it reaches the cap", async () => {
    await failAcrossLocks("ann@example.com", LOGIN_FAILURES_BEFORE_CAP - 1);
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => throttles.beginLogin("ann@example.com", `10.4.0.${i}`)));
    const allowed = attempts.filter((attempt) => attempt.allowed);
    expect(allowed).toHaveLength(1);
    expect(attempts.filter((attempt) => !attempt.allowed)).toEqual(Array(19).fill({ allowed: false, capped: true }));
    expect(await expectAllowed(allowed[0]!).failed()).toMatchObject({ capped: true });
    expect(await throttles.beginLogin("ann@example.com", "10.4.1.1")).toEqual({ allowed: false, capped: true });
  });

  it("clears a 15-minute lock too when the failures are cleared", async () => {
    await failAcrossLocks("ann@example.com", LOGIN_FAILURES_PER_EMAIL);
    expect((await throttles.beginLogin("ann@example.com", "10.3.0.1")).allowed).toBe(false);
    await throttles.clearLoginFailures("ann@example.com");
    expect((await throttles.beginLogin("ann@example.com", "10.3.0.1")).allowed).toBe(true);
  });
});

describe("registration and API throttling", () => {
  it(`allows ${SIGNUPS_PER_IP} registrations per address per window`, async () => {
    const throttles = memory();
    for (let i = 0; i < SIGNUPS_PER_IP; i++) expect((await throttles.allowSignup("10.0.0.1")).allowed).toBe(true);
    expect((await throttles.allowSignup("10.0.0.1")).allowed).toBe(false);
    expect((await throttles.allowSignup("10.0.0.2")).allowed).toBe(true);
  });

  it("rounds the wait up to whole minutes, never zero", () => {
    expect(retryAfterMinutes(1)).toBe(1);
    expect(retryAfterMinutes(60_001)).toBe(2);
    expect(retryAfterMinutes(0)).toBe(1);
    expect(tooManyAttemptsMessage(60_000)).toBe("Too many attempts, try again in 1 minute.");
    expect(tooManyAttemptsMessage(15 * 60_000)).toBe("Too many attempts, try again in 15 minutes.");
  });
});

describe("password reset requests", () => {
  let throttles: Throttles;
  beforeEach(() => {
    vi.useFakeTimers();
    throttles = memory();
  });
  afterEach(() => vi.useRealTimers());

  it(`allows ${RESET_REQUESTS_PER_EMAIL} an hour for one email, from any addresses`, async () => {
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL; i++) {
      expect((await throttles.allowPasswordResetRequest("ann@example.com", `10.0.0.${i + 1}`)).allowed).toBe(true);
    }
    const refused = await throttles.allowPasswordResetRequest("ann@example.com", "10.0.1.1");
    expect(refused.allowed).toBe(false);
    expect(retryAfterMinutes((refused as Refusal).retryAfterMs)).toBe(60);
    expect((await throttles.allowPasswordResetRequest("bob@example.com", "10.0.1.1")).allowed).toBe(true);

    vi.advanceTimersByTime(RESET_REQUEST_WINDOW_SECONDS * 1000 + 1);
    expect((await throttles.allowPasswordResetRequest("ann@example.com", "10.0.1.1")).allowed).toBe(true);
  });

  it(`allows ${RESET_REQUESTS_PER_IP} an hour from one address, and then counts nothing against the emails`, async () => {
    for (let i = 0; i < RESET_REQUESTS_PER_IP; i++) {
      expect((await throttles.allowPasswordResetRequest(`user${i}@example.com`, "10.0.0.1")).allowed).toBe(true);
    }
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL + 1; i++) {
      expect((await throttles.allowPasswordResetRequest("ann@example.com", "10.0.0.1")).allowed).toBe(false);
    }
    // Ann's own requests from elsewhere are not spent by the refusals above.
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL; i++) {
      expect((await throttles.allowPasswordResetRequest("ann@example.com", "10.0.0.2")).allowed).toBe(true);
    }
  });

  it("counts apart from logins", async () => {
    await fail(throttles, "ann@example.com", "10.0.0.1", LOGIN_FAILURES_PER_EMAIL);
    expect((await throttles.allowPasswordResetRequest("ann@example.com", "10.0.0.1")).allowed).toBe(true);
  });
});

describe("account mail requests", () => {
  it(`allows ${ACCOUNT_MAIL_REQUESTS_PER_USER} an hour per account`, async () => {
    const throttles = memory();
    for (let i = 0; i < ACCOUNT_MAIL_REQUESTS_PER_USER; i++) {
      expect((await throttles.allowAccountMailRequest("u1")).allowed).toBe(true);
    }
    expect((await throttles.allowAccountMailRequest("u1")).allowed).toBe(false);
    expect((await throttles.allowAccountMailRequest("u2")).allowed).toBe(true);
  });
});

describe("current password checks", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it(`allows ${CURRENT_PASSWORD_CHECKS_PER_USER} an hour per account, then refuses until the window ends`, async () => {
    const throttles = memory();
    for (let i = 0; i < CURRENT_PASSWORD_CHECKS_PER_USER; i++) {
      expect((await throttles.allowCurrentPasswordCheck("u1")).allowed).toBe(true);
    }
    const refused = await throttles.allowCurrentPasswordCheck("u1");
    expect(refused).toMatchObject({ allowed: false });
    expect(retryAfterMinutes((refused as Refusal).retryAfterMs)).toBe(CURRENT_PASSWORD_WINDOW_SECONDS / 60);
    expect((await throttles.allowCurrentPasswordCheck("u2")).allowed).toBe(true);

    vi.advanceTimersByTime(CURRENT_PASSWORD_WINDOW_SECONDS * 1000 + 1);
    expect((await throttles.allowCurrentPasswordCheck("u1")).allowed).toBe(true);
  });

  it("counts apart from account mail and logins", async () => {
    const throttles = memory();
    for (let i = 0; i < CURRENT_PASSWORD_CHECKS_PER_USER; i++) await throttles.allowCurrentPasswordCheck("u1");
    expect((await throttles.allowAccountMailRequest("u1")).allowed).toBe(true);
    expect((await throttles.beginLogin("u1", "10.0.0.1")).allowed).toBe(true);
  });
});
