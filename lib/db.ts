import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./env";
import { Prisma, PrismaClient } from "./generated/prisma/client";

// One client per process. In development, hot reload re-evaluates this module, so the
// client is parked on globalThis to avoid opening a new connection on every edit.
const globalForDb = globalThis as typeof globalThis & { cookieshopDb?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });
}

export const db = globalForDb.cookieshopDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.cookieshopDb = db;

/** Whether a write failed on a unique index: how the database settles races between requests. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
