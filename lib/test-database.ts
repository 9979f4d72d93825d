import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";

/**
 * For unit tests that need the real thing: a fresh SQLite file in a temporary directory with
 * the committed migrations applied, and a client for it. `remove` disconnects and deletes it.
 */
export function migratedTestDatabase(label: string): { client: PrismaClient; remove: () => Promise<void> } {
  const directory = mkdtempSync(path.join(tmpdir(), `cookieshop-${label}-`));
  const url = `file:${path.join(directory, "test.db")}`;
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  return {
    client,
    remove: async () => {
      await client.$disconnect();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
