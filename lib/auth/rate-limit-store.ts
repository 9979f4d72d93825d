import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import { type LimiterFactory, createThrottles } from "./rate-limits";

/**
 * The app's throttles, counted in the RateLimit table so that every instance behind one
 * database shares them. Each store can delete long-expired rows every few minutes, from the
 * whole table; one of them doing it is enough, so only the first limiter made here sweeps.
 *
 * A key the table has refused is then refused from this process's memory until the table's
 * refusal would end (`inMemoryBlockOnConsumed`: one point past the limit), so a flood of
 * attempts against a locked account or a blocked address costs no database work at all.
 * Nothing lifts a refusal early (a locked email cannot log in to reset its count), so memory
 * never says no where the table would say yes.
 */
export function limitersIn(client: PrismaClient): LimiterFactory {
  let sweeperStarted = false;
  return (options) => {
    const sweeps = !sweeperStarted;
    sweeperStarted = true;
    return new RateLimiterPrisma({
      ...options,
      inMemoryBlockOnConsumed: options.points + 1,
      storeClient: client,
      tableName: "rateLimit",
      clearExpiredByTimeout: sweeps,
    });
  };
}

export const throttles = createThrottles(limitersIn(db));
