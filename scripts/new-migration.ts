/**
 * `npm run db:new-migration -- <name>`: after editing prisma/schema.prisma, writes the
 * migration for both databases, prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/.
 * The starting point is the models as last committed (the migrations test keeps the
 * committed migrations equal to them); the end point is the edited file.
 *
 * Prisma's CLI connects to a PostgreSQL database even to compare two model files, so this
 * needs TEST_POSTGRESQL_URL (or DATABASE_URL) to name a PostgreSQL server; nothing is written to it.
 * Add data steps (UPDATE …) by hand to both files when a change needs them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseProvider } from "../lib/config/env";
import { DATABASE_PROVIDERS, MIGRATION_FOLDERS, SCHEMA_FILES, postgresqlSchemaFrom } from "../prisma/schemas";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(1);
}
const server = [process.env.TEST_POSTGRESQL_URL, process.env.DATABASE_URL].find(
  (url) => url && databaseProvider(url) === "postgresql",
);
if (!server) {
  console.error("Set TEST_POSTGRESQL_URL to a PostgreSQL server (see README, Tests).");
  process.exit(1);
}

execFileSync("npm", ["run", "--silent", "db:generate"], { stdio: "inherit" });

const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]).toString();
const scratch = mkdtempSync(path.join(tmpdir(), "cookieshop-models-"));
const before = { sqlite: path.join(scratch, "sqlite.prisma"), postgresql: path.join(scratch, "postgresql.prisma") };
writeFileSync(before.sqlite, committed);
writeFileSync(before.postgresql, postgresqlSchemaFrom(committed));
const urls = { sqlite: `file:${path.join(scratch, "unused.db")}`, postgresql: server };

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const provider of DATABASE_PROVIDERS) {
  const sql = execFileSync(
    path.resolve("node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-schema-datamodel", before[provider], "--to-schema-datamodel", SCHEMA_FILES[provider], "--script"],
    { env: { ...process.env, DATABASE_URL: urls[provider] }, stdio: ["ignore", "pipe", "inherit"] },
  ).toString();
  const folder = path.join(MIGRATION_FOLDERS[provider], `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`[migration] ${path.relative(process.cwd(), folder)}/migration.sql`);
}
