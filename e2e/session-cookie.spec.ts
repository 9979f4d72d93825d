import { E2E_SERVER_ENV } from "../playwright.config";
import { spawnServer, sparePort, stopServer, waitUntilAnswering } from "./support/servers";
import { expect, randomAddress, test } from "./support/test";
import { PASSWORD, existingUser, fillLogin, register } from "./support/users";

test("over plain HTTP the session cookie is HttpOnly and SameSite=Lax, and scripts cannot read it", async ({ page, context }) => {
  await register(page);
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("authjs.session-token"));

  expect(session, "session cookie").toBeDefined();
  expect(session?.name).toBe("authjs.session-token");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.secure).toBe(false);
  expect(session?.path).toBe("/");
  expect(session?.domain).toBe("localhost"); // host-only: no Domain attribute widening it
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("served over HTTPS (behind a TLS proxy) the cookie is Secure with the __Secure- prefix", async ({ browser }) => {
  // Deployed behind a TLS proxy: AUTH_URL is the public https:// address (the suite's own
  // server has an http:// one, for its mail links), and the proxy says X-Forwarded-Proto: https.
  const port = sparePort(32);
  const server = spawnServer({ ...E2E_SERVER_ENV, AUTH_URL: `https://localhost:${port}`, CLIENT_IP_HEADER: "x-forwarded-for" }, port);
  const context = await browser.newContext({
    baseURL: `http://localhost:${port}`,
    extraHTTPHeaders: { "X-Forwarded-Proto": "https", "X-Forwarded-For": randomAddress() },
  });
  try {
    await waitUntilAnswering(server, `http://localhost:${port}/health`);
    const email = await existingUser();
    const page = await context.newPage();
    await page.goto("/login");
    await fillLogin(page, email, PASSWORD);
    // The login form's post (the page also posts for the passkey autofill as it loads).
    const loginResponse = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login");
    await page.getByRole("button", { name: "Log in" }).click();
    expectSecureSessionCookie((await (await loginResponse).headerValue("set-cookie")) ?? "");
  } finally {
    await context.close();
    await stopServer(server);
  }
});

function expectSecureSessionCookie(setCookie: string) {
  const sessionCookie = setCookie.split("\n").find((line) => line.includes("session-token="));
  expect(sessionCookie).toMatch(/^__Secure-authjs\.session-token=/);
  expect(sessionCookie).toMatch(/;\s*Secure/i);
  expect(sessionCookie).toMatch(/;\s*HttpOnly/i);
  expect(sessionCookie).toMatch(/;\s*SameSite=Lax/i);
  expect(sessionCookie).toMatch(/;\s*Path=\//i);
  expect(sessionCookie).not.toMatch(/;\s*Domain=/i);
}

test("logging in replaces any session cookie the browser brought along", async ({ page, context, baseURL }) => {
  const email = await existingUser();
  await context.addCookies([{ name: "authjs.session-token", value: "planted-by-an-attacker", url: baseURL ?? "" }]);
  await page.goto("/login");
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);

  const session = (await context.cookies()).find((cookie) => cookie.name === "authjs.session-token");
  expect(session?.value).not.toBe("planted-by-an-attacker");
});

test("only login and logout write the session cookie; pages never re-issue it", async ({ page }) => {
  await register(page);
  // Were pages to re-issue the cookie, a request in flight at logout could bring it back.
  for (const path of ["/checkout", "/account", "/cookies", "/"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const setCookie = response.headers()["set-cookie"] ?? "";
    expect(setCookie, path).not.toContain("session-token");
  }
});
