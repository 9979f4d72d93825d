import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { emptyTestDatabase, testPostgresqlUrl } from "../lib/db/test-database";
import { MIGRATIONS_TABLE, applyMigrations, readMigrations } from "./migrate";
import { type DatabaseProvider, MIGRATION_FOLDERS, SCHEMA_FILES, postgresqlSchemaFrom } from "./schemas";

// The committed migrations must build exactly the tables the models describe, for each
// database. Each test builds two databases: one by applying the migrations in order, one
// straight from the models (Prisma's "from empty" script), and compares their structure:
// columns, types, nullability, defaults, keys, indexes and foreign keys.

/** Tables that only the migration tools own. */
const TOOL_TABLES = new Set(["_prisma_migrations", MIGRATIONS_TABLE]);

function scriptFromModels(provider: DatabaseProvider, url: string): string {
  return execFileSync(
    path.resolve("node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", SCHEMA_FILES[provider], "--script"],
    // With PostgreSQL the CLI connects to the database in DATABASE_URL, though it only compares models.
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "ignore"] },
  ).toString();
}

function sqliteStructure(url: string): unknown {
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return tables
      .filter(({ name }) => !TOOL_TABLES.has(name))
      .map(({ name }) => ({
        table: name,
        columns: byName(db.pragma(`table_info("${name}")`) as { name: string; cid?: number }[]).map(({ cid, ...column }) => column),
        indexes: byName(db.pragma(`index_list("${name}")`) as { name: string; seq?: number }[]).map(({ seq, ...index }) => ({
          ...index,
          columns: (db.pragma(`index_info("${index.name}")`) as { name: string }[]).map((column) => column.name),
        })),
        foreignKeys: (db.pragma(`foreign_key_list("${name}")`) as Record<string, unknown>[])
          .map(({ id, seq, ...key }) => key)
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      }));
  } finally {
    db.close();
  }
}

async function postgresqlStructure(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const excluded = [...TOOL_TABLES];
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, datetime_precision,
              is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND NOT (table_name = ANY($1))
       ORDER BY table_name, column_name`,
      [excluded],
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND NOT (tablename = ANY($1)) ORDER BY tablename, indexname`,
      [excluded],
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT (conrelid::regclass::text = ANY($1))
       ORDER BY 1, 2`,
      [excluded.map((name) => `"${name}"`).concat(excluded)],
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

function byName<T extends { name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.name.localeCompare(b.name));
}

async function runScript(provider: DatabaseProvider, url: string, script: string): Promise<void> {
  if (provider === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""));
    db.exec(script);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(script).finally(() => client.end());
}

const structureOf = (provider: DatabaseProvider, url: string) =>
  provider === "sqlite" ? sqliteStructure(url) : postgresqlStructure(url);

const providers: { provider: DatabaseProvider; available: boolean }[] = [
  { provider: "sqlite", available: true },
  { provider: "postgresql", available: Boolean(testPostgresqlUrl()) },
];

describe.each(providers)("the $provider migrations", ({ provider, available }) => {
  it.skipIf(!available)(
    "build exactly the tables the models describe",
    async () => {
      const migrated = await emptyTestDatabase("migrated", provider);
      const fromModels = await emptyTestDatabase("models", provider);
      try {
        await applyMigrations(migrated.url);
        await runScript(provider, fromModels.url, scriptFromModels(provider, fromModels.url));

        const expected = await structureOf(provider, fromModels.url);
        expect(JSON.stringify(expected)).toContain("OrderItem"); // the comparison compares something
        expect(await structureOf(provider, migrated.url)).toEqual(expected);
      } finally {
        await migrated.remove();
        await fromModels.remove();
      }
    },
    60_000,
  );
});

async function selectRows(provider: DatabaseProvider, url: string, query: string): Promise<unknown[]> {
  if (provider === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      return db.prepare(query).all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return (await client.query(query).finally(() => client.end())).rows;
}

describe.each(providers)("the $provider migration to one email link per purpose", ({ provider, available }) => {
  const NAME = /_one_email_link_per_purpose$/;

  it.skipIf(!available)(
    "keeps only the newest link of each account and purpose, then enforces it",
    async () => {
      const database = await emptyTestDatabase("links", provider);
      try {
        const migrations = readMigrations(MIGRATION_FOLDERS[provider]);
        const at = migrations.findIndex((migration) => NAME.test(migration.name));
        expect(at).toBeGreaterThan(0);
        for (const migration of migrations.slice(0, at)) await runScript(provider, database.url, migration.sql);
        // Timestamps as Prisma writes them on either database.
        const time = (minute: number) => `'2026-12-01T10:0${minute}:00.000+00:00'`;
        const link = (hash: string, user: string, purpose: string, minute: number) =>
          `('${hash}', '${user}', '${purpose}', 'x@example.com', ${time(9)}, ${time(minute)})`;
        await runScript(
          provider,
          database.url,
          `INSERT INTO "User" ("id", "email", "updatedAt") VALUES ('u1', 'a@example.com', ${time(0)}), ('u2', 'b@example.com', ${time(0)});
           INSERT INTO "EmailLink" ("tokenHash", "userId", "purpose", "email", "expires", "createdAt") VALUES
             ${[
               link("old-reset", "u1", "password-reset", 1),
               link("new-reset", "u1", "password-reset", 3),
               link("middle-reset", "u1", "password-reset", 2),
               link("tie-a", "u1", "confirm-email", 1),
               link("tie-b", "u1", "confirm-email", 1),
               link("only", "u2", "password-reset", 1),
             ].join(", ")};`,
        );

        await runScript(provider, database.url, migrations[at]!.sql);

        const left = await selectRows(provider, database.url, `SELECT "tokenHash" FROM "EmailLink" ORDER BY "tokenHash"`);
        expect(left).toEqual([{ tokenHash: "new-reset" }, { tokenHash: "only" }, { tokenHash: "tie-b" }]);
        await expect(
          runScript(provider, database.url, `INSERT INTO "EmailLink" VALUES ${link("second", "u2", "password-reset", 4)}`),
        ).rejects.toThrow(/unique/i);
      } finally {
        await database.remove();
      }
    },
    60_000,
  );
});

describe("the two providers' migrations", () => {
  it("have the same names, so both databases go through the same steps", () => {
    const names = (provider: DatabaseProvider) =>
      readdirSync(MIGRATION_FOLDERS[provider], { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    expect(names("sqlite").length).toBeGreaterThan(0);
    expect(names("postgresql")).toEqual(names("sqlite"));
  });

  it("come from models the PostgreSQL client was generated from (run `npm run db:generate` after editing them)", () => {
    const expected = postgresqlSchemaFrom(readFileSync(SCHEMA_FILES.sqlite, "utf8"));
    expect(readFileSync(SCHEMA_FILES.postgresql, "utf8")).toBe(expected);
  });
});
