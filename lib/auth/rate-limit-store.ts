import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import { type LimiterFactory, createThrottles } from "./rate-limits";

/**
 * The app's throttles, counted in the RateLimit table so that every instance behind one
 * database shares them. The store deletes long-expired rows by itself every few minutes.
 */
export function limitersIn(client: PrismaClient): LimiterFactory {
  return (options) => new RateLimiterPrisma({ ...options, storeClient: client, tableName: "rateLimit" });
}

export const throttles = createThrottles(limitersIn(db));
