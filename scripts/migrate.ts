/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL (SQLite or
 * PostgreSQL). Safe to run from several instances at once; see prisma/migrate.ts.
 */
import { loadEnvConfig } from "@next/env";
import { databaseUrl } from "../lib/config/env";
import { MigrationError, applyMigrations } from "../prisma/migrate";

loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

applyMigrations(databaseUrl()).then(
  (applied) => {
    if (applied.length > 0) console.log(`[migrate] Applied ${applied.join(", ")}.`);
    console.log("[migrate] The database is up to date.");
  },
  (error: unknown) => {
    console.error(`[migrate] ${error instanceof MigrationError ? error.message : error}`);
    process.exit(1);
  },
);
