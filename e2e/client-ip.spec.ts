import { E2E_SERVER_ENV } from "../playwright.config";
import { storedSessions } from "./support/db";
import { spawnServer, sparePort, stopServer, waitUntilAnswering } from "./support/servers";
import { otherDevice } from "./support/sessions";
import { expect, test } from "./support/test";
import { existingUser, logIn, loggedInCustomer } from "./support/users";

/** " · 10.1.2.3" as the session list writes it, and not the start of a longer address. */
function showsAddress(address: string): RegExp {
  return new RegExp(` · ${address.replace(/[.]/g, "\\.")}(?![0-9a-f.:])`);
}

/** The session list entry for the device the page is on. */
async function thisSession(page: import("@playwright/test").Page) {
  await page.goto("/account/security");
  return page.getByTestId("session").filter({ hasText: "This device" });
}

test("behind the trusted proxy, a session shows the address the proxy reported", async ({ page, clientIp }) => {
  const email = await existingUser();
  await logIn(page, email);
  await expect(await thisSession(page)).toContainText(showsAddress(clientIp));
});

test("a client cannot choose its address by adding to the proxy's X-Forwarded-For", async ({ browser, clientIp }) => {
  const email = await existingUser();
  // What the proxy passes on when the client sent its own X-Forwarded-For: the proxy appends.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `203.0.113.9, ${clientIp}` } });
  const page = await context.newPage();
  await logIn(page, email);
  const session = await thisSession(page);
  await expect(session).toContainText(showsAddress(clientIp));
  await expect(session).not.toContainText("203.0.113.9");
  await context.close();
});

test("contexts a test opens itself send the test's address too", async ({ page, browser, clientIp }) => {
  const email = await loggedInCustomer(page);
  const laptop = await otherDevice(browser, email);
  await page.goto("/account/security");
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  for (const session of await sessions.all()) await expect(session).toContainText(showsAddress(clientIp));
  await laptop.context().close();
});

test("without CLIENT_IP_HEADER the address comes from the connection, whatever X-Forwarded-For says", async ({
  page,
  browser,
}) => {
  const email = await loggedInCustomer(page);
  const port = sparePort(1);
  const baseURL = `http://localhost:${port}`;
  // The suite's server with the same database and secret, but no trusted proxy.
  const server = spawnServer({ ...E2E_SERVER_ENV, CLIENT_IP_HEADER: "" }, port);
  let exitCode: number | null;
  try {
    await waitUntilAnswering(server, `${baseURL}/cookies`);
    expect(server.output()).toContain("client address from the connection");
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9" } });
    const direct = await context.newPage();
    await logIn(direct, email);
    const stored = (await storedSessions(email)).at(-1)?.ip ?? "";
    expect(["127.0.0.1", "::1"]).toContain(stored);
    await expect(await thisSession(direct)).toContainText(showsAddress(stored));
    await expect(direct.getByTestId("session").filter({ hasText: "203.0.113.9" })).toHaveCount(0);
    await context.close();
  } finally {
    exitCode = await stopServer(server);
  }
  // server.ts shuts down cleanly on SIGTERM.
  expect(exitCode).toBe(0);
});
