import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "../../db/client";
import type { PrismaClient } from "../../generated/prisma/client";
import { type CountReader, type LimiterFactory, createThrottles } from "./policies";

/**
 * The app's throttles, counted in the RateLimit table so that every instance behind one
 * database shares them. Each store can delete long-expired rows every few minutes, from the
 * whole table; one of them doing it is enough, so only the first limiter made here sweeps.
 */
export function limitersIn(client: PrismaClient): LimiterFactory {
  let sweeperStarted = false;
  return (options) => {
    const sweeps = !sweeperStarted;
    sweeperStarted = true;
    return new RateLimiterPrisma({ ...options, storeClient: client, tableName: "rateLimit", clearExpiredByTimeout: sweeps });
  };
}

/** The counts of several of those limiters' keys in one query, as each limiter's `get` would read them. */
export function countsIn(client: PrismaClient): CountReader {
  return async (reads) => {
    const now = new Date();
    const keys = reads.map(({ limiter, key }) => limiter.getKey(key));
    const rows = await client.rateLimit.findMany({ where: { key: { in: keys }, OR: [{ expire: null }, { expire: { gt: now } }] } });
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return reads.map(({ limiter }, index) => {
      const row = byKey.get(keys[index]!);
      if (!row) return null;
      const msBeforeNext = row.expire ? Math.max(row.expire.getTime() - now.getTime(), 0) : -1;
      return new RateLimiterRes(Math.max(limiter.points - row.points, 0), msBeforeNext, row.points);
    });
  };
}

/** The throttles, counted in a database: the app's (below), or a test's. */
export function throttlesIn(client: PrismaClient) {
  return createThrottles(limitersIn(client), countsIn(client));
}

export const throttles = throttlesIn(db);
