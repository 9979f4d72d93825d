/**
 * `npm run test:postgresql` (the last step of `npm test`): the unit and end-to-end suites
 * again, on PostgreSQL. TEST_POSTGRESQL_URL names the server, through a role that may create
 * databases, for example postgresql://cookieshop:cookieshop@localhost:5432/postgres. The
 * suites create and drop their own databases there (cookieshop_test_*, cookieshop_e2e_*).
 *
 * Without TEST_POSTGRESQL_URL this pass is skipped with a notice, except in CI (CI=true),
 * where a skipped pass would hide a failure: there it is an error.
 */
import { spawnSync } from "node:child_process";
import { databaseProvider } from "../lib/env";

const server = process.env.TEST_POSTGRESQL_URL;
if (!server) {
  const message = "[test:postgresql] TEST_POSTGRESQL_URL is not set, so the PostgreSQL pass did not run (see README, Tests).";
  console.error(message);
  process.exit(process.env.CI ? 1 : 0);
}
if (databaseProvider(server) !== "postgresql") {
  console.error("[test:postgresql] TEST_POSTGRESQL_URL must be a postgresql:// URL.");
  process.exit(1);
}

for (const suite of ["test:unit", "test:e2e"]) {
  console.log(`[test:postgresql] npm run ${suite}, on PostgreSQL`);
  const { status } = spawnSync("npm", ["run", suite], {
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE_URL: server },
  });
  if (status !== 0) process.exit(status ?? 1);
}
