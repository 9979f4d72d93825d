import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** Where the unit tests live (vitest.config.ts includes the same folders). */
const UNIT_TEST_FOLDERS = ["lib", "scripts", "prisma", "bench"];

/**
 * The unit tests that open a database. A test can reach one only through lib/db/test-database.ts
 * (the database is never mocked), so importing it is the mark: such a test runs on SQLite and
 * again on PostgreSQL; the rest is pure logic and runs once.
 */
export function isDatabaseTest(source: string): boolean {
  return /from\s+["'][^"']*\/test-database["']/.test(source);
}

export function databaseTestFiles(root = process.cwd()): string[] {
  return UNIT_TEST_FOLDERS.flatMap((folder) => testFilesUnder(path.join(root, folder)))
    .filter((file) => isDatabaseTest(readFileSync(file, "utf8")))
    .map((file) => path.relative(root, file))
    .sort();
}

function testFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".test.ts") && !entry.parentPath.includes("generated"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}
