import { loadEnvConfig } from "@next/env";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/env";

// The Prisma CLI reads the same env files as Next.js, and the same default database.
loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
process.env.DATABASE_URL = databaseUrl();

// The JavaScript schema engine with a driver adapter: no native engine is downloaded.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: databaseUrl() }),
});
