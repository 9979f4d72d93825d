/**
 * Prepares a checkout to serve: configuration, database, catalog. `npm start` runs it
 * before building and serving; the e2e suite runs it with --demo-catalog on a database it
 * has just emptied (e2e/support/fresh-database.ts).
 *
 *   1. With the embedded SQLite default and no AUTH_SECRET, writes a random one to the
 *      git-ignored .env.local (a production database never gets a generated secret).
 *   2. Validates the configuration and stops with a readable message if it is incomplete.
 *   3. Applies the committed migrations. With the embedded SQLite default it also adds the
 *      demo catalog's missing cookies (--demo-catalog: on any database); a production database
 *      starts with an empty catalog that staff fill in (/admin/cookies). No user account is
 *      ever created here.
 */
import { appendFileSync, existsSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { ConfigurationError, databaseUrl, parseServerEnv, usesEmbeddedDatabase } from "../lib/config/env";
import { MigrationError, applyMigrations } from "../prisma/migrate";
import { randomToken } from "../lib/crypto/tokens";

const root = path.resolve(import.meta.dirname, "..");
const LOCAL_ENV_FILE = path.join(root, ".env.local");

function log(message: string) {
  console.log(`[setup] ${message}`);
}

function ensureLocalSecret() {
  if (process.env.AUTH_SECRET || !usesEmbeddedDatabase()) return;
  const secret = randomToken(32);
  const lines = [
    "",
    "# Written by `npm run setup` for the local default. Keep this file out of git.",
    `AUTH_SECRET=${secret}`,
    "# Local only: trust the Host header (localhost on any port). Production sets AUTH_URL.",
    "AUTH_TRUST_HOST=true",
    "",
  ];
  appendFileSync(LOCAL_ENV_FILE, lines.join("\n"), { mode: 0o600 });
  process.env.AUTH_SECRET = secret;
  process.env.AUTH_TRUST_HOST ??= "true";
  log("No AUTH_SECRET was set, so a new random one was written to .env.local (git-ignored).");
}

function sqliteFile(url: string): string {
  return path.resolve(root, url.replace(/^file:/, ""));
}

async function main() {
  loadEnvConfig(root, false, { info: () => {}, error: console.error });
  const demoCatalog = process.argv.includes("--demo-catalog") || usesEmbeddedDatabase();

  ensureLocalSecret();
  parseServerEnv();

  const url = databaseUrl();
  const created = usesEmbeddedDatabase() && !existsSync(sqliteFile(url));

  const applied = await applyMigrations(url);
  if (created) log("Created the database and applied the migrations.");
  else log(applied.length > 0 ? `Applied ${applied.join(", ")}.` : "Migrations are up to date.");

  if (!demoCatalog) return;
  const { db } = await import("../lib/db/client");
  const { seedCatalog } = await import("../prisma/seed");
  const added = await seedCatalog(db);
  if (added > 0) log(`Added ${added} demo cookies to the catalog.`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError || error instanceof MigrationError ? error.message : error);
  process.exit(1);
});
