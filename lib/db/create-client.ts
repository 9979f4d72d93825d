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
  return new PrismaClient({ adapter: new SqliteInWalMode({ url }) });
}

/**
 * SQLite with a write-ahead log: a commit appends to the log instead of rewriting the file
 * behind a rollback journal, so a write costs a fraction of the time, and better-sqlite3,
 * which is synchronous, holds the event loop that much less; readers in other processes
 * never wait for the writer. `synchronous = FULL` keeps every commit durable (a used code's
 * step, a revoked session), which NORMAL would not promise across a power cut. The mode is
 * kept in the file (prisma/migrate.ts sets it first); the connection's setting is not.
 */
const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

class SqliteInWalMode extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}
