/**
 * `npm test`: the type check, the unit tests and the end-to-end suite on SQLite, then the
 * same on PostgreSQL, with the time of each phase at the end. `npm run test:postgresql` runs
 * only the PostgreSQL phases.
 *
 * The production build does not depend on the database (it is made pointing at a closed
 * port), so it is made once, and both end-to-end passes and their spare servers serve it.
 * Pure-logic unit tests run once; those that open a database (through lib/db/test-database.ts)
 * run again on PostgreSQL.
 *
 * TEST_POSTGRESQL_URL names the PostgreSQL server, through a role that may create databases
 * (postgresql://cookieshop:cookieshop@localhost:5432/postgres); the suites create and drop
 * their own databases there (cookieshop_test_*, cookieshop_e2e_*). Without it the PostgreSQL
 * phases are skipped with a notice, except in CI (CI=true), where that is an error.
 */
import { spawnSync } from "node:child_process";
import { databaseProvider } from "../lib/config/env";
import { NO_DATABASE_AT_BUILD } from "../playwright.config";
import { databaseTestFiles } from "./test-selection";

type Phase = { name: string; command: [string, ...string[]]; env?: Record<string, string> };

const postgresqlOnly = process.argv.includes("--postgresql-only");
const server = process.env.TEST_POSTGRESQL_URL;

if (!server) {
  console.error("[test] TEST_POSTGRESQL_URL is not set, so the PostgreSQL phases will not run (see docs on testing in the README).");
  if (process.env.CI || postgresqlOnly) process.exit(1);
} else if (databaseProvider(server) !== "postgresql") {
  console.error("[test] TEST_POSTGRESQL_URL must be a postgresql:// URL.");
  process.exit(1);
}

/** The end-to-end suite serves the build made by the "build" phase (playwright.config.ts). */
const PREBUILT = { E2E_PREBUILT: "1" };

const sqlite: Phase[] = [
  { name: "type check", command: ["npx", "tsc", "--noEmit"] },
  { name: "unit tests, SQLite", command: ["npx", "vitest", "run"] },
];
const build: Phase = { name: "production build", command: ["npx", "next", "build"], env: { DATABASE_URL: NO_DATABASE_AT_BUILD } };
const sqliteEndToEnd: Phase = { name: "e2e, SQLite", command: ["npx", "playwright", "test"], env: PREBUILT };
const postgresql: Phase[] = server
  ? [
      {
        name: "unit tests with a database, PostgreSQL",
        command: ["npx", "vitest", "run", ...databaseTestFiles()],
        env: { TEST_DATABASE_URL: server },
      },
      { name: "e2e, PostgreSQL", command: ["npx", "playwright", "test"], env: { ...PREBUILT, TEST_DATABASE_URL: server } },
    ]
  : [];
const phases = postgresqlOnly ? [build, ...postgresql] : [...sqlite, build, sqliteEndToEnd, ...postgresql];

const times: string[] = [];
const started = Date.now();
for (const phase of phases) {
  console.log(`\n[test] ${phase.name}: ${phase.command.join(" ")}`);
  const phaseStarted = Date.now();
  const [program, ...args] = phase.command;
  const { status } = spawnSync(program, args, {
    stdio: "inherit",
    env: { ...process.env, ...phase.env },
  });
  times.push(`  ${phase.name.padEnd(40)} ${seconds(Date.now() - phaseStarted)}`);
  if (status !== 0) {
    report(`failed in "${phase.name}"`);
    process.exit(status ?? 1);
  }
}
report("passed");

function report(outcome: string) {
  console.log(`\n[test] ${outcome}; time per phase:\n${times.join("\n")}\n  ${"in all".padEnd(40)} ${seconds(Date.now() - started)}`);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`.padStart(6);
}
