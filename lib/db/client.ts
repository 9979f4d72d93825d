import "server-only";
import { databasePoolSize, databaseUrl } from "../config/env";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { createDatabaseClient } from "./create-client";

// One client per process, whatever the database: on PostgreSQL it owns the connection pool.
// It is parked on globalThis so that neither dev hot reload nor a module bundled twice
// (Next.js may evaluate a module once per server bundle) opens a second pool.
const globalForDb = globalThis as typeof globalThis & { cookieshopDb?: PrismaClient };

export const db = (globalForDb.cookieshopDb ??= createDatabaseClient(databaseUrl(), { poolSize: databasePoolSize() }));

/** Whether a write failed on a unique index: how the database settles races between requests. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
