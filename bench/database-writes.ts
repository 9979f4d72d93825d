import type { PrismaClient } from "../lib/generated/prisma/client";

/**
 * Counts every row the server inserts, updates or deletes while `during` runs, with triggers
 * the benchmark adds to its own database for that moment and drops afterwards (the app has
 * no switch for this, and needs none). Writes to RateLimit are told apart by their key's
 * prefix (`login-email`, `api-ip`…), others by their table. Returns "UPDATE RateLimit
 * api-ip" → 12, and so on. Only for a database the benchmark owns: the triggers slow every
 * write down while they are in place.
 */
export async function countWrites(db: PrismaClient, provider: "sqlite" | "postgresql", during: () => Promise<void>): Promise<Map<string, number>> {
  const tables = await appTables(db, provider);
  const statements = provider === "sqlite" ? sqliteTriggers(tables) : postgresqlTriggers(tables);
  for (const statement of statements.create) await db.$executeRawUnsafe(statement);
  try {
    await during();
    const rows = await db.$queryRawUnsafe<{ what: string; count: number | bigint }[]>(`SELECT what, COUNT(*) AS count FROM "${LOG}" GROUP BY what`);
    return new Map(rows.map((row) => [row.what, Number(row.count)]));
  } finally {
    for (const statement of statements.drop) await db.$executeRawUnsafe(statement);
  }
}

/** "UPDATE RateLimit api-ip×2, INSERT AuthEvent×1", or "none". */
export function describeWrites(writes: Map<string, number>): string {
  const parts = [...writes].sort(([a], [b]) => a.localeCompare(b)).map(([what, count]) => `${what}×${count}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

const LOG = "BenchWrite";
const OPERATIONS = ["INSERT", "UPDATE", "DELETE"] as const;

async function appTables(db: PrismaClient, provider: "sqlite" | "postgresql"): Promise<string[]> {
  const query =
    provider === "sqlite"
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`
      : `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema()`;
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(query);
  // Prisma's own bookkeeping (_prisma_migrations) is not the app's.
  return rows.map((row) => row.name).filter((name) => !name.startsWith("_") && name !== LOG);
}

function sqliteTriggers(tables: string[]) {
  const create = [`CREATE TABLE "${LOG}" (what TEXT NOT NULL)`];
  const drop: string[] = [];
  for (const table of tables) {
    for (const operation of OPERATIONS) {
      const row = operation === "DELETE" ? "OLD" : "NEW";
      const detail = table === "RateLimit" ? ` || ' ' || substr(${row}.key, 1, instr(${row}.key || ':', ':') - 1)` : "";
      const name = `bench_write_${table}_${operation}`;
      create.push(`CREATE TRIGGER "${name}" AFTER ${operation} ON "${table}" BEGIN INSERT INTO "${LOG}" (what) VALUES ('${operation} ${table}'${detail}); END`);
      drop.push(`DROP TRIGGER IF EXISTS "${name}"`);
    }
  }
  drop.push(`DROP TABLE IF EXISTS "${LOG}"`);
  return { create, drop };
}

function postgresqlTriggers(tables: string[]) {
  const create = [
    `CREATE TABLE "${LOG}" (what TEXT NOT NULL)`,
    // The key's prefix for RateLimit rows; the other tables have no `key` column and get none.
    `CREATE FUNCTION bench_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO "${LOG}" (what) VALUES (TG_OP || ' ' || TG_TABLE_NAME || COALESCE(' ' || split_part(COALESCE(to_jsonb(NEW), to_jsonb(OLD)) ->> 'key', ':', 1), ''));
       RETURN NULL;
     END $$`,
  ];
  const drop: string[] = [];
  for (const table of tables) {
    create.push(`CREATE TRIGGER bench_note_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION bench_note_write()`);
    drop.push(`DROP TRIGGER IF EXISTS bench_note_write ON "${table}"`);
  }
  drop.push("DROP FUNCTION IF EXISTS bench_note_write()", `DROP TABLE IF EXISTS "${LOG}"`);
  return { create, drop };
}
