import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_SERVER_ENV, TEST_POSTGRESQL_SERVER } from "../playwright.config";
import { type ServerProcess, spawnServer, sparePort, stopServer, waitUntilAnswering } from "./support/servers";
import { expect, test } from "./support/test";
import { register, uniqueEmail } from "./support/users";

// The local outbox (/dev/outbox) holds every account's reset links: it exists only in the local
// default (embedded SQLite, no SMTP_URL, the site on this machine), and only for a browser on the
// same machine that connects directly, with the key the server printed when it started.

test("the suite's server sends real mail, so it has no outbox page, even for a client claiming to be local", async ({
  request,
}) => {
  expect((await request.get("/dev/outbox")).status()).toBe(404);
  // The suite's server trusts X-Forwarded-For (its "proxy" header): this claims loopback.
  expect((await request.get("/dev/outbox", { headers: { "X-Forwarded-For": "127.0.0.1" } })).status()).toBe(404);
});

/** The line server.ts prints in the local default. */
const OUTBOX_LINE = /^Local outbox: (http:\/\/\S+)$/m;

test("in the local default, a developer reads the stored mail at the outbox link the server printed, with its links clickable", async ({
  browser,
}) => {
  test.skip(Boolean(TEST_POSTGRESQL_SERVER), "The local default is the embedded SQLite database; it runs in the SQLite pass.");
  const directory = mkdtempSync(path.join(tmpdir(), "cookieshop-e2e-outbox-"));
  const databaseFile = path.join(directory, "shop.db");
  const port = sparePort(31);
  const baseURL = `http://localhost:${port}`;
  // What `npm start` gives a developer: no SMTP_URL, no AUTH_URL, the client address from the
  // socket. Empty values override anything in .env files (Next.js never replaces a set variable).
  const env = {
    DATABASE_URL: `file:${databaseFile}`,
    AUTH_SECRET: E2E_SERVER_ENV.AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    AUTH_URL: "",
    SMTP_URL: "",
    MAIL_FROM: "",
    CLIENT_IP_HEADER: "",
  };
  let server: ServerProcess | undefined;
  try {
    const setup = spawnSync("npm", ["run", "--silent", "setup"], { env: { ...process.env, ...env }, encoding: "utf8" });
    expect(setup.status, `npm run setup failed:\n${setup.stdout}\n${setup.stderr}`).toBe(0);

    server = spawnServer(env, port);
    await waitUntilAnswering(server, `${baseURL}/cookies`);
    const outboxUrl = OUTBOX_LINE.exec(server.output())?.[1];
    expect(outboxUrl, `no "Local outbox:" line in:\n${server.output()}`).toBeDefined();
    const outbox = new URL(outboxUrl ?? "");
    expect(outbox.origin).toBe(baseURL);
    expect(outbox.pathname).toBe("/dev/outbox");
    const key = outbox.searchParams.get("key") ?? "";
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Plain fetch sends no forwarding header of its own (the suite's fixtures add X-Forwarded-For).
    const status = async (url: string, headers: Record<string, string> = {}) => (await fetch(url, { headers })).status;
    expect(await status(outbox.href)).toBe(200);
    expect(await status(`${baseURL}/dev/outbox`)).toBe(404);
    expect(await status(`${baseURL}/dev/outbox?key=`)).toBe(404);
    expect(await status(`${baseURL}/dev/outbox?key=${key.slice(1)}`)).toBe(404);
    expect(await status(`${baseURL}/dev/outbox?key=${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBe(404);
    expect(await status(`${baseURL}/dev/outbox?key=${key}&key=${key}`)).toBe(404);
    // What a reverse proxy on this machine adds: the right key through it still opens nothing.
    const proxied: Record<string, string>[] = [
      { "X-Forwarded-For": "127.0.0.1" },
      { Forwarded: "for=127.0.0.1;proto=https" },
      { "X-Forwarded-Host": "shop.example" },
      { "X-Forwarded-Proto": "https" },
      { "X-Real-IP": "127.0.0.1" },
      { Via: "1.1 proxy" },
    ];
    for (const headers of proxied) {
      expect(await status(outbox.href, headers), JSON.stringify(headers)).toBe(404);
    }

    const link = `${baseURL}/reset-password?token=${randomUUID()}`;
    const subject = `Reset your Cookieshop password ${randomUUID().slice(0, 8)}`;
    const database = new Database(databaseFile, { fileMustExist: true });
    try {
      database
        .prepare('INSERT INTO "OutboxMessage" ("id", "createdAt", "to", "subject", "text", "html") VALUES (?, ?, ?, ?, ?, ?)')
        .run(
          `e2e-${randomUUID()}`,
          new Date().toISOString().replace("Z", "+00:00"), // as Prisma writes a DateTime in SQLite
          "grace@example.com",
          subject,
          `Open this link:\n\n${link}\n\n<b id="from-text">not markup</b>\n`,
          `<p id="raw-html"><a href="${link}">Reset</a></p>`,
        );
    } finally {
      database.close();
    }

    // Without the test's own X-Forwarded-For (e2e/support/test.ts): a browser that connects directly.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: {} });
    const page = await context.newPage();
    const response = await page.goto(outbox.href);
    expect(response?.status()).toBe(200);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

    const message = page.getByTestId("outbox-message").filter({ hasText: subject });
    await expect(message).toContainText("grace@example.com");
    await expect(message.getByRole("link", { name: link })).toHaveAttribute("href", link);
    // The text is shown as text and the HTML body not at all.
    await expect(message).toContainText('<b id="from-text">not markup</b>');
    await expect(page.locator("#from-text, #raw-html")).toHaveCount(0);

    // The app's own mail lands here, its links on this server's port: a new account's link.
    const email = await register(page, uniqueEmail("outbox"));
    const confirmation = page.getByTestId("outbox-message").filter({ hasText: email });
    await expect(async () => {
      await page.goto(outbox.href);
      await expect(confirmation).toContainText("Confirm your email address for Cookieshop", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const confirmLink = confirmation.getByRole("link", { name: new RegExp(`^${baseURL}/verify-email\\?token=`) });
    await confirmLink.click();
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Thank you! Your email address is confirmed.");
    await context.close();
  } finally {
    if (server) await stopServer(server);
    rmSync(directory, { recursive: true, force: true });
  }
});
