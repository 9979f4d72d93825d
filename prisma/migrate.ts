import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { MIGRATION_FOLDERS, databaseProvider } from "./schemas";

/**
 * Applies the committed migrations to a database: `npm run db:migrate`, `npm run setup` and
 * the tests all come here.
 *
 * SQLite uses `prisma migrate deploy`. With PostgreSQL that command fails through the pg
 * driver adapter (prisma/prisma#27403), so PostgreSQL gets the small migrator below: the
 * migrations in name order, each once, each in its own transaction, recorded with a checksum
 * in MIGRATIONS_TABLE, all under an advisory lock so that instances starting together take
 * turns instead of racing. It needs no network beyond the database.
 */

export const MIGRATIONS_TABLE = "_cookieshop_migrations";
/** Any fixed number works; every process migrating this app must use the same one. */
export const MIGRATION_LOCK_ID = 4_611_686_018_427_388;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export type Migration = { name: string; sql: string; checksum: string };

/** The migrations in a folder, oldest first: every subfolder that holds a migration.sql. */
export function readMigrations(folder: string): Migration[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what is missing and returns the names applied now (SQLite: Prisma reports them itself). */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = databaseProvider(url);
  if (provider === "postgresql") return migratePostgres(url, MIGRATION_FOLDERS.postgresql);
  if (provider !== "sqlite") throw new MigrationError("DATABASE_URL must start with file:, postgres:// or postgresql://.");
  execFileSync(path.resolve(import.meta.dirname, "../node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  useWriteAheadLog(url);
  return [];
}

/**
 * The journal mode is kept in the file: set here, before any instance opens it, so that
 * servers starting together on one file never race to change it (lib/db/create-client.ts).
 */
function useWriteAheadLog(url: string) {
  const database = new Database(url.replace(/^file:/, ""));
  try {
    database.pragma("journal_mode = WAL");
  } finally {
    database.close();
  }
}

export async function migratePostgres(url: string, folder: string): Promise<string[]> {
  const migrations = readMigrations(folder);
  const client = new pg.Client({ connectionString: url, application_name: "cookieshop-migrate" });
  await client.connect();
  try {
    // Session-level: held across the transactions below, released when this connection ends.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
         "name" TEXT PRIMARY KEY,
         "checksum" TEXT NOT NULL,
         "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "${MIGRATIONS_TABLE}"`,
    );
    const pending = pendingMigrations(migrations, new Map(rows.map((row) => [row.name, row.checksum])));
    for (const migration of pending) {
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum") VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    await client.end();
  }
}

/**
 * What is left to apply, after checking that the database's history is a prefix of ours:
 * an applied migration whose file changed, or one this checkout does not have (the database
 * was migrated by a newer version), stops everything before anything runs.
 */
export function pendingMigrations(migrations: Migration[], applied: Map<string, string>): Migration[] {
  const known = new Set(migrations.map((migration) => migration.name));
  const unknown = [...applied.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new MigrationError(
      `The database has migrations this version does not know (${unknown.join(", ")}): it was migrated by a newer version.`,
    );
  }
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied. Restore the original file and add a new migration instead.`,
      );
    }
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}
