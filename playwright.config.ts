import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { MIN_LOCAL_BCRYPT_COST, databaseProvider } from "./lib/config/env";

/**
 * End-to-end tests run in a real Chromium against a production build (`next build` +
 * `npm run serve`) on a fresh database of their own: a SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server (`npm run test:postgresql`), a database
 * created on that server.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const TEST_POSTGRESQL_SERVER =
  databaseProvider(process.env.TEST_DATABASE_URL ?? "") === "postgresql" ? process.env.TEST_DATABASE_URL : undefined;
export const E2E_DATABASE_URL = TEST_POSTGRESQL_SERVER
  ? withDatabaseName(TEST_POSTGRESQL_SERVER, `cookieshop_e2e_${E2E_PORT}`)
  : "file:./prisma/e2e.db";

function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * `npm run build` must not need a database: it is built pointing at a closed port, so a
 * page that queried the database while building would fail the build.
 */
export const NO_DATABASE_AT_BUILD = "postgresql://nobody@127.0.0.1:9/no_database_while_building";
/** Everything the server prints during the run; the teardown checks it for leaked secrets. */
export const E2E_SERVER_LOG = path.join(tmpdir(), `cookieshop-e2e-server-${E2E_PORT}.log`);
/** The output of every other server a test starts (e2e/support/servers.ts), one file each, checked the same way. */
export const E2E_SPARE_SERVER_LOG_DIR = path.join(tmpdir(), `cookieshop-e2e-spare-servers-${E2E_PORT}`);

/**
 * The suite's own SMTP server (e2e/support/smtp-sink.ts, started as globalSetup): the app
 * delivers real mail to it, and it writes each message as JSON into E2E_MAIL_DIR for the tests.
 * Its port is sparePort(25) (e2e/support/servers.ts): no spare server may use that offset.
 */
export const E2E_SMTP_PORT = E2E_PORT + 25;
export const E2E_MAIL_DIR = path.join(tmpdir(), `cookieshop-e2e-mail-${E2E_PORT}`);

/** The bcrypt cost of the suite's servers; the accounts tests arrange are hashed at it too. */
export const TEST_BCRYPT_COST = MIN_LOCAL_BCRYPT_COST;

/** The e2e server's environment, less the proxy setting; e2e/client-ip.spec.ts starts a twin. */
export const E2E_SERVER_ENV = {
  DATABASE_URL: E2E_DATABASE_URL,
  // A test-only secret: the e2e server is never exposed beyond this machine.
  AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
  AUTH_TRUST_HOST: "true",
  // Mail goes out over SMTP as in production, with links built from AUTH_URL. The spare
  // servers that share this environment (other ports, same database) build theirs on the
  // suite's own port too, which serves the same database.
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  AUTH_URL: `http://localhost:${E2E_PORT}`,
  MAIL_FROM: "Cookieshop <shop@cookieshop.test>",
  // bcrypt's minimum cost, which only a site on this machine may have (lib/config/env.ts): tests
  // that are not about hashing should not pay for it. Those that are start a server at the
  // real cost (e2e/login.spec.ts).
  BCRYPT_COST: String(TEST_BCRYPT_COST),
};

// Debian's Chromium where it exists (Playwright's own browser cannot be downloaded everywhere);
// elsewhere Playwright's own. Its headless shell first: the same engine without the full
// browser's interface, which headless mode still renders at a cost in CPU the suite feels.
// CHROMIUM_PATH overrides them all.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((candidate) => existsSync(candidate));

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: chromiumPath
    ? {
        executablePath: chromiumPath,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }
    : {},
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // After the webServer, before the first test: the mail server (it stops first), and an empty
  // folder for the spare servers' logs.
  globalSetup: ["./e2e/support/smtp-sink.ts", "./e2e/support/server-logs.ts"],
  globalTeardown: "./e2e/support/no-secrets-in-logs.ts",
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    // Recording a trace of every test costs CPU the suite's time cannot spare; to see a failure
    // step by step, run its spec again with E2E_TRACE=1.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", use: chromium, grepInvert: /@load/ },
    // Tests marked LOAD (e2e/support/test.ts) run after the rest, one at a time, so that a burst
    // cannot starve a test on the other worker. If a test above fails, these are skipped.
    { name: "load", use: chromium, grep: /@load/, dependencies: ["chromium"], workers: 1 },
  ],
  webServer: {
    command: [
      "tsx e2e/support/fresh-database.ts",
      "npm run setup -- --demo-catalog",
      // `npm test` builds once for both databases (scripts/test.ts) and says so.
      ...(process.env.E2E_PREBUILT === "1" ? [] : [`DATABASE_URL=${NO_DATABASE_AT_BUILD} npm run build`]),
      `npm run serve -- --port ${E2E_PORT} 2>&1 | tee ${E2E_SERVER_LOG}`,
    ].join(" && "),
    url: `http://localhost:${E2E_PORT}/cookies`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...E2E_SERVER_ENV,
      // The server plays "behind a trusted proxy": each test sends its own X-Forwarded-For
      // (e2e/support/test.ts), so per-address limits never make tests interfere.
      CLIENT_IP_HEADER: "x-forwarded-for",
    },
  },
});
