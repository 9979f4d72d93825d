import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider } from "../config/env";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresqlClient } from "../generated/prisma-postgresql/client";

/**
 * A Prisma client for a DATABASE_URL: SQLite through better-sqlite3, PostgreSQL through the
 * pure-JavaScript pg driver. Both clients are generated from the same models
 * (scripts/generate-clients.ts), so the SQLite client's types describe either.
 *
 * The app makes one of these per process (lib/db/client.ts); tests and scripts make their own.
 */

/** An idle connection is closed after this long, so a quiet instance holds none. */
const IDLE_CONNECTION_MS = 10_000;
/**
 * A request waits this long for a free connection or a new one before it fails: long enough
 * to ride out a burst on a busy instance, where every request may be waiting behind password
 * hashing, short enough not to hang on an unreachable database.
 */
const CONNECT_TIMEOUT_MS = 30_000;

export function createDatabaseClient(url: string, { poolSize }: { poolSize: number }): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    // The pool opens connections only when queries need them, at most poolSize at once, so a
    // cold start under a burst of requests opens poolSize connections, not one per request.
    const adapter = new PrismaPg({
      connectionString: url,
      max: poolSize,
      idleTimeoutMillis: IDLE_CONNECTION_MS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // Names each instance's connections in pg_stat_activity.
      application_name: `cookieshop/${process.pid}`,
    });
    // Same models, same API; only the SQL it writes differs.
    return new PostgresqlClient({ adapter }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}
