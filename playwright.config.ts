import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run in a real Chromium against a production build (`next build` +
 * `npm run serve`) on a fresh SQLite database of their own.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE_URL = "file:./prisma/e2e.db";
/** Everything the server prints during the run; the teardown checks it for leaked secrets. */
export const E2E_SERVER_LOG = path.join(tmpdir(), `cookieshop-e2e-server-${E2E_PORT}.log`);

/** The e2e server's environment, less the proxy setting; e2e/client-ip.spec.ts starts a twin. */
export const E2E_SERVER_ENV = {
  DATABASE_URL: E2E_DATABASE_URL,
  // A test-only secret: the e2e server is never exposed beyond this machine.
  AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
  AUTH_TRUST_HOST: "true",
};

// Debian's Chromium where it exists (these machines cannot download Playwright's browser);
// elsewhere Playwright's own. CHROMIUM_PATH overrides both.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 30_000,
  globalTeardown: "./e2e/support/no-secrets-in-logs.ts",
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: chromiumPath
          ? {
              executablePath: chromiumPath,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    command: `npm run setup -- --fresh && npm run build && npm run serve -- --port ${E2E_PORT} 2>&1 | tee ${E2E_SERVER_LOG}`,
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
