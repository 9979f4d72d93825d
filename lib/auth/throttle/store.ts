import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "../../db/client";
import type { PrismaClient } from "../../generated/prisma/client";
import { type LimiterFactory, createThrottles } from "./policies";

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

export const throttles = createThrottles(limitersIn(db));
