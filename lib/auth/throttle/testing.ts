import { RateLimiterMemory } from "rate-limiter-flexible";
import { expect, vi } from "vitest";
import { EMAIL_LOCKOUT_SECONDS, LOGIN_FAILURES_BEFORE_CAP, type Throttles, createThrottles } from "./policies";

/**
 * For unit tests: spends LOGIN_FAILURES_BEFORE_CAP failed logins on the email, as an attacker
 * would (waiting out each 15-minute lock, on a faked clock), and checks that it is capped.
 */
export async function capLogins(throttles: Throttles, email: string): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (let i = 0; i < LOGIN_FAILURES_BEFORE_CAP; i++) {
      let attempt = await throttles.beginLogin(email, `10.0.0.${i}`);
      if (!attempt.allowed) {
        vi.setSystemTime(Date.now() + EMAIL_LOCKOUT_SECONDS * 1000 + 1000);
        attempt = await throttles.beginLogin(email, `10.0.0.${i}`);
      }
      if (!attempt.allowed) throw new Error(`refused at failure ${i + 1}, before the cap`);
      await attempt.failed();
    }
  } finally {
    vi.useRealTimers();
  }
  expect(await throttles.beginLogin(email, "10.1.0.1")).toEqual({ allowed: false, capped: true });
}

/** The throttles' module (./store.ts) with counters in memory: `vi.mock(".../throttle/store", async () => (await import(".../throttle/testing")).memoryThrottleStore())`. */
export function memoryThrottleStore(): { throttles: Throttles } {
  return { throttles: createThrottles((options) => new RateLimiterMemory(options)) };
}
