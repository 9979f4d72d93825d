import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, emptyTestDatabase, testPostgresqlUrl } from "../lib/db/test-database";
import { MIGRATIONS_TABLE, MigrationError, type Migration, migratePostgres, pendingMigrations, readMigrations } from "./migrate";

// The PostgreSQL migrator on a real server (npm run test:postgresql), with migration folders
// made up for each test. The committed migrations are checked in prisma/migrations.test.ts.

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cookieshop-migrations-"));
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

function writeMigration(name: string, sql: string): void {
  mkdirSync(path.join(folder, name), { recursive: true });
  writeFileSync(path.join(folder, name, "migration.sql"), sql);
}

const migration = (name: string, checksum = `sum-${name}`): Migration => ({ name, sql: "", checksum });

describe("readMigrations", () => {
  it("reads each folder's migration.sql in name order, and nothing else", () => {
    writeMigration("20260102000000_second", "SELECT 2;");
    writeMigration("20260101000000_first", "SELECT 1;");
    mkdirSync(path.join(folder, "20260103000000_no_sql_yet"));
    writeFileSync(path.join(folder, "migration_lock.toml"), 'provider = "postgresql"');
    const migrations = readMigrations(folder);
    expect(migrations.map((m) => m.name)).toEqual(["20260101000000_first", "20260102000000_second"]);
    expect(migrations[0]?.sql).toBe("SELECT 1;");
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(migrations[0]?.checksum).not.toBe(migrations[1]?.checksum);
  });
});

describe("pendingMigrations", () => {
  const all = [migration("a"), migration("b"), migration("c")];

  it("leaves out what was applied, keeping the order", () => {
    expect(pendingMigrations(all, new Map([["a", "sum-a"]])).map((m) => m.name)).toEqual(["b", "c"]);
    expect(pendingMigrations(all, new Map())).toEqual(all);
    expect(pendingMigrations(all, new Map(all.map((m) => [m.name, m.checksum])))).toEqual([]);
  });

  it("refuses when an applied migration was edited since", () => {
    expect(() => pendingMigrations(all, new Map([["a", "another sum"]]))).toThrow(/a was changed after it was applied/);
  });

  it("refuses when the database was migrated by a newer version", () => {
    expect(() => pendingMigrations(all, new Map([["z_newer", "sum"]]))).toThrow(/migrations this version does not know \(z_newer\)/);
  });
});

const server = testPostgresqlUrl();

describe.skipIf(!server)("migratePostgres", () => {
  const databases: TestDatabase[] = [];

  async function freshDatabase(): Promise<string> {
    const database = await emptyTestDatabase("migrator");
    databases.push(database);
    return database.url;
  }

  async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  const recorded = async (url: string) =>
    (await query<{ name: string }>(url, `SELECT "name" FROM "${MIGRATIONS_TABLE}" ORDER BY "name"`)).map((row) => row.name);

  afterAll(async () => {
    for (const database of databases) await database.remove();
  });

  it("applies the migrations in order, each once, and records them", async () => {
    const url = await freshDatabase();
    writeMigration("001_table", 'CREATE TABLE "Jar" ("id" INTEGER PRIMARY KEY);');
    writeMigration("003_column", 'ALTER TABLE "Jar" ADD COLUMN "label" TEXT;');
    writeMigration("002_row", 'INSERT INTO "Jar" ("id") VALUES (1);');

    expect(await migratePostgres(url, folder)).toEqual(["001_table", "002_row", "003_column"]);
    expect(await migratePostgres(url, folder)).toEqual([]);
    expect(await query(url, 'SELECT * FROM "Jar"')).toEqual([{ id: 1, label: null }]);
    expect(await recorded(url)).toEqual(["001_table", "002_row", "003_column"]);

    writeMigration("004_more", 'INSERT INTO "Jar" ("id") VALUES (2);');
    expect(await migratePostgres(url, folder)).toEqual(["004_more"]);
  });

  it("rolls a failing migration back whole, stops there, and applies it once it is fixed", async () => {
    const url = await freshDatabase();
    writeMigration("001_table", 'CREATE TABLE "Jar" ("id" INTEGER PRIMARY KEY);');
    writeMigration("002_broken", 'CREATE TABLE "Lid" ("id" INTEGER); INSERT INTO "Jar" ("id") VALUES (1), (1);');
    writeMigration("003_after", 'CREATE TABLE "Shelf" ("id" INTEGER);');

    const failure = migratePostgres(url, folder);
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(/Migration 002_broken failed and was rolled back: duplicate key/);
    expect(await recorded(url)).toEqual(["001_table"]);
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((row) => row.table_name)).toEqual(["Jar", MIGRATIONS_TABLE]);

    writeMigration("002_broken", 'CREATE TABLE "Lid" ("id" INTEGER); INSERT INTO "Jar" ("id") VALUES (1), (2);');
    expect(await migratePostgres(url, folder)).toEqual(["002_broken", "003_after"]);
  });

  it("commits a migration and its record together, or neither", async () => {
    const url = await freshDatabase();
    // Recording this one fails (its name is taken by then), after its own SQL succeeded.
    writeMigration(
      "001_sneaky",
      `CREATE TABLE "Jar" ("id" INTEGER); INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum") VALUES ('001_sneaky', 'x');`,
    );
    await expect(migratePostgres(url, folder)).rejects.toThrow(/001_sneaky failed and was rolled back/);
    expect(await query(url, `SELECT to_regclass('"Jar"') AS "jar"`)).toEqual([{ jar: null }]);
    expect(await recorded(url)).toEqual([]);
  });

  it("refuses to run anything when an applied migration was edited", async () => {
    const url = await freshDatabase();
    writeMigration("001_table", 'CREATE TABLE "Jar" ("id" INTEGER);');
    await migratePostgres(url, folder);
    writeMigration("001_table", 'CREATE TABLE "Jar" ("id" BIGINT);');
    writeMigration("002_next", 'CREATE TABLE "Lid" ("id" INTEGER);');
    await expect(migratePostgres(url, folder)).rejects.toThrow(/001_table was changed after it was applied/);
    expect(await recorded(url)).toEqual(["001_table"]);
  });

  it("lets instances that start together take turns: every migration runs exactly once", async () => {
    const url = await freshDatabase();
    // Slow enough that, without the lock, the others would start the same migrations meanwhile.
    writeMigration("001_table", 'CREATE TABLE "Jar" ("id" INTEGER PRIMARY KEY); SELECT pg_sleep(0.3);');
    writeMigration("002_row", 'INSERT INTO "Jar" ("id") VALUES (1); SELECT pg_sleep(0.3);');

    const instances = await Promise.all(Array.from({ length: 6 }, () => migratePostgres(url, folder)));
    expect(instances.flat().sort()).toEqual(["001_table", "002_row"]);
    expect(await recorded(url)).toEqual(["001_table", "002_row"]);
    expect(await query(url, 'SELECT * FROM "Jar"')).toEqual([{ id: 1 }]);
  });
});
