import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { migratedTestDatabase } from "../../db/test-database";
import { limitersIn } from "./store";
import { EMAIL_LOCKOUT_SECONDS, LOGIN_FAILURES_BEFORE_CAP, LOGIN_FAILURES_PER_EMAIL, createThrottles } from "./policies";

// The same throttles on a real database with the committed migrations: proves the
// RateLimit table has the layout the store expects and that the counts survive concurrency.
let client: PrismaClient;
let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ client, remove: removeDatabase } = await migratedTestDatabase("throttle"));
}, 60_000);

afterAll(() => removeDatabase());

const capKey = (email: string) => `login-cap:${createHash("sha256").update(email).digest("hex")}`;

describe("throttles stored with Prisma", () => {
  it("locks an email after its failures, from any address, and never stores the email", async () => {
    const throttles = createThrottles(limitersIn(client));
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
      const attempt = await throttles.beginLogin("ann@example.com", "10.0.0.1");
      if (!attempt.allowed) throw new Error("refused too early");
      await attempt.failed();
    }
    const refused = await throttles.beginLogin("ann@example.com", "10.0.0.2");
    expect(refused.allowed).toBe(false);
    expect(refused.allowed || ("retryAfterMs" in refused && refused.retryAfterMs)).toBeGreaterThan((EMAIL_LOCKOUT_SECONDS - 5) * 1000);

    const keys = (await client.rateLimit.findMany()).map((row) => row.key);
    expect(keys.some((key) => key.includes("ann"))).toBe(false);
    expect(keys).toContain("login-ip:10.0.0.1");
  });

  it("refuses a login's second step for a locked email by reading the lock, writing nothing", async () => {
    const throttles = createThrottles(limitersIn(client));
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
      const attempt = await throttles.beginLogin("cy@example.com", "10.0.0.5");
      if (!attempt.allowed) throw new Error("refused too early");
      await attempt.failed();
    }
    const before = await client.rateLimit.findMany({ orderBy: { key: "asc" } });
    const refused = await throttles.resumeLogin("cy@example.com", "10.0.0.6");
    expect(refused.allowed || ("retryAfterMs" in refused && refused.retryAfterMs)).toBeGreaterThan((EMAIL_LOCKOUT_SECONDS - 5) * 1000);
    expect(await client.rateLimit.findMany({ orderBy: { key: "asc" } })).toEqual(before);
  });

  it("lets through only as many simultaneous attempts as the limit allows", async () => {
    const throttles = createThrottles(limitersIn(client));
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => throttles.beginLogin("bob@example.com", "10.0.0.3")),
    );
    expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(LOGIN_FAILURES_PER_EMAIL);
  });

  it("has one limiter sweep expired rows, not every one of them", () => {
    const make = limitersIn(client);
    const limiters = [1, 2, 3].map((i) => make({ keyPrefix: `k${i}`, points: 1, duration: 1 }));
    expect(limiters.map((limiter) => (limiter as unknown as { clearExpiredByTimeout: boolean }).clearExpiredByTimeout)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("lifts the lockout when it ends", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const throttles = createThrottles(limitersIn(client));
      for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
        const attempt = await throttles.beginLogin("cy@example.com", "10.0.0.4");
        if (attempt.allowed) await attempt.failed();
      }
      expect((await throttles.beginLogin("cy@example.com", "10.0.0.4")).allowed).toBe(false);
      vi.setSystemTime(Date.now() + EMAIL_LOCKOUT_SECONDS * 1000 + 1000);
      expect((await throttles.beginLogin("cy@example.com", "10.0.0.4")).allowed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it(`caps an email after ${LOGIN_FAILURES_BEFORE_CAP} failures across the locks, in a row that never expires, until cleared`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const throttles = createThrottles(limitersIn(client));
      const capping: number[] = [];
      for (let i = 1; i <= LOGIN_FAILURES_BEFORE_CAP; i++) {
        let attempt = await throttles.beginLogin("dee@example.com", `10.5.0.${i}`);
        if (!attempt.allowed) {
          vi.setSystemTime(Date.now() + EMAIL_LOCKOUT_SECONDS * 1000 + 1000); // waits out a 15-minute lock
          attempt = await throttles.beginLogin("dee@example.com", `10.5.0.${i}`);
        }
        if (!attempt.allowed) throw new Error(`refused at attempt ${i}`);
        if ((await attempt.failed()).capped) capping.push(i);
      }
      expect(capping).toEqual([LOGIN_FAILURES_BEFORE_CAP]);

      vi.setSystemTime(Date.now() + 365 * 24 * 60 * 60 * 1000);
      expect(await throttles.beginLogin("dee@example.com", "10.5.1.1")).toEqual({ allowed: false, capped: true });
      expect(await client.rateLimit.findUnique({ where: { key: capKey("dee@example.com") } })).toEqual({
        key: capKey("dee@example.com"),
        points: LOGIN_FAILURES_BEFORE_CAP,
        expire: null,
      });

      await throttles.clearLoginFailures("dee@example.com");
      expect((await throttles.beginLogin("dee@example.com", "10.5.1.1")).allowed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);

  it("lets one of simultaneous attempts at the cap's last failure through", async () => {
    const throttles = createThrottles(limitersIn(client));
    const first = await throttles.beginLogin("eve@example.com", "10.6.0.1");
    if (!first.allowed) throw new Error("refused");
    await first.failed();
    // The row as LOGIN_FAILURES_BEFORE_CAP - 1 failures leave it (the e2e tests arrange it the same way).
    await client.rateLimit.update({ where: { key: capKey("eve@example.com") }, data: { points: LOGIN_FAILURES_BEFORE_CAP - 1 } });
    const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => throttles.beginLogin("eve@example.com", `10.6.1.${i}`)));
    expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(1);
    expect(attempts.filter((attempt) => !attempt.allowed)).toEqual(Array(7).fill({ allowed: false, capped: true }));
  });
});
