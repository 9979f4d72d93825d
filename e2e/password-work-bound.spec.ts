import { E2E_SERVER_ENV } from "../playwright.config";
import { BCRYPT_COST } from "../lib/config/env";
import { PASSWORD_WORK_BUSY } from "../lib/flows/password-busy";
import { emailLimitKey, query } from "./support/db";
import { type ServerProcess, spawnServer, sparePort, stopServer, waitUntilAnswering } from "./support/servers";
import { LOAD, expect, randomAddress, test } from "./support/test";
import { SESSION_COOKIE, sessionCookie } from "./support/sessions";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, logIn, loggedInCustomer, uniqueEmail } from "./support/users";

// Password work has a bound (MAX_WAITING_PASSWORD_WORK_SECONDS): past it, new attempts are
// answered at once instead of queueing. The suite's own server hashes at a test cost too
// cheap to fill the queue, so this one, on the same database, uses the real cost; logins for
// unknown emails compare against a hash at that cost, a quarter of a second each here.

test.describe.configure({ mode: "serial" });

const PORT = sparePort(41);
const BASE = `http://localhost:${PORT}`;
let server: ServerProcess;

test.beforeAll(async () => {
  server = spawnServer({ ...E2E_SERVER_ENV, CLIENT_IP_HEADER: "x-forwarded-for", BCRYPT_COST: String(BCRYPT_COST) }, PORT);
  await waitUntilAnswering(server, `${BASE}/cookies`);
});

test.afterAll(async () => {
  await stopServer(server);
});

/** A login for an unknown email from an address of its own, as a credential-stuffing client sends it. */
async function stuffedLogin() {
  const email = uniqueEmail("stuffed");
  const response = await fetch(`${BASE}/api/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": randomAddress() },
    body: JSON.stringify({ email, password: WRONG_PASSWORD }),
  });
  return { email, status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() };
}

function stuffing(count: number) {
  return Promise.all(Array.from({ length: count }, stuffedLogin));
}

test("a flood of logins is answered at once with 503 past the bound, and the refused ones count for nothing", LOAD, async () => {
  const answers = await stuffing(60);
  const refused = answers.filter((answer) => answer.status === 503);
  // Two threads run, and about two seconds of work a thread may wait: some twenty are checked.
  expect(refused.length).toBeGreaterThan(20);
  expect(answers.filter((answer) => answer.status !== 503).every((answer) => answer.status === 401)).toBe(true);
  for (const answer of refused) {
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(answer.body)).toEqual({ error: PASSWORD_WORK_BUSY, fields: {} });
  }
  // No password was checked for them: their emails' failure counts are given back.
  const keys = refused.map((answer) => emailLimitKey(answer.email));
  const counted = await query<{ key: string; points: number }>(
    `SELECT "key", "points" FROM "RateLimit" WHERE "key" IN (${keys.map(() => "?").join(", ")}) AND "points" > 0`,
    keys,
  );
  expect(counted).toEqual([]);
});

test("the login form says the site is busy during a flood, and works once it is over", LOAD, async ({ browser }) => {
  const email = await existingUser();
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await fillLogin(page, email);
  const flood = stuffing(60);
  // Once one more login is refused, the threads are full: the form's post comes next.
  await expect.poll(async () => (await stuffedLogin()).status).toBe(503);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(PASSWORD_WORK_BUSY);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await flood;
  await logIn(page, email);
  await context.close();
});

test("adding a passkey (its password check) during a flood is answered 503 with Retry-After, as the API is, not 500", LOAD, async ({ page }) => {
  await loggedInCustomer(page); // on the suite's server, whose origin is the relying party's
  const session = (await sessionCookie(page.context()))!.value;
  const origin = E2E_SERVER_ENV.AUTH_URL;
  const flood = stuffing(60);
  await expect.poll(async () => (await stuffedLogin()).status).toBe(503);
  const response = await fetch(`${BASE}/account/security/passkeys/options`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Origin: origin,
      "X-Forwarded-Host": new URL(origin).host,
      "X-Forwarded-For": randomAddress(),
      Cookie: `${SESSION_COOKIE}=${session}`,
    },
    body: JSON.stringify({ password: PASSWORD }),
  });
  expect(response.status).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(await response.json()).toEqual({ error: PASSWORD_WORK_BUSY, fields: {} });
  await flood;
});
