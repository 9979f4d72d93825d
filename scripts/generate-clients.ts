/**
 * `npm install` runs this (postinstall), and so should anyone who edits prisma/schema.prisma:
 * it writes the PostgreSQL copy of the models (prisma/schemas.ts) and generates a Prisma
 * client for each database, lib/generated/prisma (SQLite) and lib/generated/prisma-postgresql.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATABASE_PROVIDERS, SCHEMA_FILES, postgresqlSchemaFrom } from "../prisma/schemas";

// The Prisma CLI validates the datasource URL against the provider, though generating connects to nothing.
const PLACEHOLDER_URLS = { sqlite: "file:./unused.db", postgresql: "postgresql://localhost/unused" } as const;

mkdirSync(path.dirname(SCHEMA_FILES.postgresql), { recursive: true });
writeFileSync(SCHEMA_FILES.postgresql, postgresqlSchemaFrom(readFileSync(SCHEMA_FILES.sqlite, "utf8")));

for (const provider of DATABASE_PROVIDERS) {
  try {
    execFileSync(path.resolve(import.meta.dirname, "../node_modules/.bin/prisma"), ["generate", "--schema", SCHEMA_FILES[provider]], {
      env: { ...process.env, DATABASE_URL: PLACEHOLDER_URLS[provider] },
      stdio: "pipe",
    });
  } catch (error) {
    // Prisma's progress lines are noise on success; on failure they are the explanation.
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`[generate] prisma generate failed for ${provider}:\n${stdout ?? ""}${stderr ?? ""}`);
    process.exit(1);
  }
}
console.log("[generate] Prisma clients for SQLite and PostgreSQL are in lib/generated/.");
