import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { migratedTestDatabase } from "../../db/test-database";
import { countsIn, limitersIn, throttlesIn } from "./store";
import { EMAIL_LOCKOUT_SECONDS, LOGIN_FAILURES_BEFORE_CAP, LOGIN_FAILURES_PER_EMAIL, LOGIN_FAILURES_PER_IP } from "./policies";

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
    const throttles = throttlesIn(client);
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
    const throttles = throttlesIn(client);
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

  it("refuses a login for a locked email, a locked address or a capped email by reading the lock, writing nothing", async () => {
    const throttles = throttlesIn(client);
    const failTimes = async (times: number, email: (i: number) => string, ip: string) => {
      for (let i = 0; i < times; i++) {
        const attempt = await throttles.beginLogin(email(i), ip);
        if (!attempt.allowed) throw new Error("refused too early");
        await attempt.failed();
      }
    };
    await failTimes(LOGIN_FAILURES_PER_EMAIL, () => "ivy@example.com", "10.0.7.1");
    await failTimes(LOGIN_FAILURES_PER_IP, (i) => `guess-${i}@example.com`, "10.0.7.2");
    await client.rateLimit.create({ data: { key: capKey("max@example.com"), points: LOGIN_FAILURES_BEFORE_CAP } });

    const before = await client.rateLimit.findMany({ orderBy: { key: "asc" } });
    for (let i = 0; i < 3; i++) {
      expect((await throttles.beginLogin("ivy@example.com", `10.0.8.${i}`)).allowed).toBe(false);
      expect((await throttles.beginLogin(`other-${i}@example.com`, "10.0.7.2")).allowed).toBe(false);
      expect(await throttles.beginLogin("max@example.com", `10.0.9.${i}`)).toEqual({ allowed: false, capped: true });
    }
    expect(await client.rateLimit.findMany({ orderBy: { key: "asc" } })).toEqual(before);
  });

  it("lets through only as many simultaneous attempts as the limit allows", async () => {
    const throttles = throttlesIn(client);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => throttles.beginLogin("bob@example.com", "10.0.0.3")),
    );
    expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(LOGIN_FAILURES_PER_EMAIL);
  });

  it("reads several limiters' counts in one query exactly as each limiter's own get does", async () => {
    const make = limitersIn(client);
    const windowed = make({ keyPrefix: "read-windowed", points: 5, duration: 60 });
    const forever = make({ keyPrefix: "read-forever", points: 5, duration: 0 });
    await windowed.consume("live", 2);
    await forever.consume("kept", 3);
    await client.rateLimit.create({ data: { key: windowed.getKey("gone"), points: 4, expire: new Date(Date.now() - 1000) } });
    const reads = [
      { limiter: windowed, key: "live" },
      { limiter: forever, key: "kept" },
      { limiter: windowed, key: "gone" },
      { limiter: forever, key: "never-counted" },
    ];
    const together = await countsIn(client)(reads);
    const oneByOne = await Promise.all(reads.map(({ limiter, key }) => limiter.get(key)));
    const shape = (count: (typeof together)[number]) =>
      count && { consumedPoints: count.consumedPoints, remainingPoints: count.remainingPoints, expires: count.msBeforeNext > 0 ? "later" : count.msBeforeNext };
    expect(together.map(shape)).toEqual(oneByOne.map(shape));
    expect(together.map(shape)).toEqual([
      { consumedPoints: 2, remainingPoints: 3, expires: "later" },
      { consumedPoints: 3, remainingPoints: 2, expires: -1 },
      null,
      null,
    ]);
  });

  it("counts simultaneous consumes of one key exactly, with no lost increment and no unique-key error", async () => {
    // RateLimiterPrisma's consume: delete the row if its window is over, then one upsert that
    // increments in the database (INSERT … ON CONFLICT DO UPDATE): both must hold under a race.
    const limiter = limitersIn(client)({ keyPrefix: "race", points: 1000, duration: 60 });
    const fresh = await Promise.all(Array.from({ length: 40 }, () => limiter.consume("fresh")));
    expect(fresh.map((result) => result.consumedPoints).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    await client.rateLimit.create({ data: { key: limiter.getKey("expired"), points: 999, expire: new Date(Date.now() - 1000) } });
    const renewed = await Promise.all(Array.from({ length: 40 }, () => limiter.consume("expired")));
    expect(Math.max(...renewed.map((result) => result.consumedPoints))).toBe(40);
    expect(await client.rateLimit.findUnique({ where: { key: limiter.getKey("expired") }, select: { points: true } })).toEqual({ points: 40 });
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
      const throttles = throttlesIn(client);
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
      const throttles = throttlesIn(client);
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
    const throttles = throttlesIn(client);
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
