/**
 * Empties the e2e database before the suite's server starts (playwright.config.ts): deletes
 * the SQLite file, or drops and re-creates the PostgreSQL database through the server that
 * TEST_DATABASE_URL names. `npm run setup -- --demo-catalog` then migrates and fills it.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_DATABASE_URL, TEST_POSTGRESQL_SERVER } from "../../playwright.config";

async function main() {
  if (!TEST_POSTGRESQL_SERVER) {
    const file = path.resolve(E2E_DATABASE_URL.replace(/^file:/, ""));
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    return;
  }
  const name = new URL(E2E_DATABASE_URL).pathname.slice(1);
  const server = new pg.Client({ connectionString: TEST_POSTGRESQL_SERVER });
  await server.connect();
  try {
    await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server.query(`CREATE DATABASE "${name}"`);
  } finally {
    await server.end();
  }
}

main().catch((error: unknown) => {
  console.error(`Could not empty the e2e database: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
