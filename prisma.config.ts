import { loadEnvConfig } from "@next/env";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/config/env";
import { MIGRATION_FOLDERS, SCHEMA_FILES, databaseProvider } from "./prisma/schemas";

// The Prisma CLI reads the same env files as Next.js, and the same default database.
loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const url = databaseUrl();
process.env.DATABASE_URL = url;
const provider = databaseProvider(url) ?? "sqlite";

// The JavaScript schema engine with a driver adapter: no native engine is downloaded.
// `prisma migrate deploy` works only for SQLite here; PostgreSQL migrations are applied by
// prisma/migrate.ts (npm run db:migrate), which handles both.
export default defineConfig({
  schema: SCHEMA_FILES[provider],
  migrations: { path: MIGRATION_FOLDERS[provider] },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    provider === "postgresql" ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url }),
});
