import { E2E_SERVER_ENV, TEST_POSTGRESQL_SERVER } from "../playwright.config";
import { LOGIN_FAILURES_PER_EMAIL } from "../lib/auth/throttle/policies";
import { apiLogin } from "./support/api";
import { query } from "./support/db";
import { type ServerProcess, spawnServer, sparePort, stopServer, waitUntilAnswering } from "./support/servers";
import { SESSION_COOKIE, checkSessionWith, expectLoggedIn, sessionCookie } from "./support/sessions";
import { LOAD, expect, randomAddress, test } from "./support/test";
import { PASSWORD, WRONG_PASSWORD, existingUser, logIn, uniqueEmail } from "./support/users";
import { usersCli } from "./support/users-cli";

// A real deployment: several stateless instances behind one PostgreSQL database. Sessions,
// revocation and lockout live in the database, so every instance must agree on them.
// Instances A and B are production servers beside the suite's own, on ports of their own.

test.skip(!TEST_POSTGRESQL_SERVER, "Instances share a PostgreSQL database: this runs in `npm run test:postgresql`.");
test.describe.configure({ mode: "serial" });

const INSTANCE_ENV = { ...E2E_SERVER_ENV, CLIENT_IP_HEADER: "x-forwarded-for" };
const A = `http://localhost:${sparePort(21)}`;
const B = `http://localhost:${sparePort(22)}`;
let servers: ServerProcess[] = [];

test.beforeAll(async () => {
  servers = [spawnServer(INSTANCE_ENV, sparePort(21)), spawnServer(INSTANCE_ENV, sparePort(22))];
  await Promise.all([waitUntilAnswering(servers[0]!, `${A}/cookies`), waitUntilAnswering(servers[1]!, `${B}/cookies`)]);
});

test.afterAll(async () => {
  await Promise.all(servers.map(stopServer));
});

test("a session made through A works on B", LOAD, async ({ browser }) => {
  const email = await existingUser();
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await logIn(page, email);

  // Browsers send a host's cookies to every port of it, so the same cookie reaches B.
  const onB = await browser.newContext({ baseURL: B, storageState: await context.storageState() });
  await expectLoggedIn(await onB.newPage(), email);
  await context.close();
  await onB.close();
});

test("logging out on B makes the cookie useless on A", LOAD, async ({ browser, playwright }) => {
  const email = await existingUser();
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await logIn(page, email);
  const copied = (await sessionCookie(context))!.value;

  const onA = await playwright.request.newContext({ baseURL: A, extraHTTPHeaders: { "x-forwarded-for": randomAddress() } });
  expect((await checkSessionWith(onA, copied)).status()).toBe(200);

  const onB = await browser.newContext({ baseURL: B, storageState: await context.storageState() });
  const pageOnB = await onB.newPage();
  await pageOnB.goto("/logout");
  await pageOnB.getByRole("main").getByRole("button", { name: "Log out" }).click();
  await expect(pageOnB).toHaveURL(/\/login\?notice=logged-out$/);

  expect((await checkSessionWith(onA, copied)).status()).toBe(204);
  const protectedPage = await onA.get("/account", { headers: { cookie: `${SESSION_COOKIE}=${copied}` }, maxRedirects: 0 });
  expect(protectedPage.status()).toBe(307);
  expect(protectedPage.headers().location).toContain("/login?next=%2Faccount");
  await onA.dispose();
  await context.close();
  await onB.close();
});

test(`${LOGIN_FAILURES_PER_EMAIL} failures spread over A and B lock the email on both, and the operator's unlock frees it on both`, LOAD, async ({ playwright }) => {
  const email = await existingUser();
  const instances = await Promise.all(
    [A, B].map((baseURL) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomAddress() } })),
  );
  for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL; i++) {
    expect((await apiLogin(instances[i % 2]!, email, WRONG_PASSWORD)).status()).toBe(401);
  }
  for (const instance of instances) {
    const refused = await apiLogin(instance, email, PASSWORD);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  }
  // Neither instance keeps the lock in memory: an unlock made elsewhere holds at each one's next request.
  expect(usersCli(["activate", email]).status).toBe(0);
  for (const instance of instances) {
    expect((await apiLogin(instance, email, PASSWORD)).status()).toBe(200);
    await instance.dispose();
  }
});

test("a cold instance under a burst of requests opens no more connections than its pool allows", LOAD, async ({ playwright }) => {
  const poolSize = 2;
  const port = sparePort(23);
  const server = spawnServer({ ...INSTANCE_ENV, DATABASE_POOL_SIZE: String(poolSize) }, port);
  try {
    // The login page for a visitor needs no database, so the pool is still empty.
    await waitUntilAnswering(server, `http://localhost:${port}/login`);
    const applicationName = `cookieshop/${server.child.pid}`;
    const connections = async () =>
      (
        await query<{ n: number }>("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM pg_stat_activity WHERE application_name = ?", [
          applicationName,
        ])
      )[0]!.n;
    expect(await connections()).toBe(0);

    const client = await playwright.request.newContext({ baseURL: `http://localhost:${port}` });
    let most = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        most = Math.max(most, await connections());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // Forty visitors at once, each page reading the catalog and trying a login.
    const burst = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const headers = { "x-forwarded-for": randomAddress() };
        const page = await client.get("/cookies", { headers });
        const login = await apiLogin(client, uniqueEmail(`burst${i}`), WRONG_PASSWORD, { headers });
        return [page.status(), login.status()];
      }),
    );
    sampling = false;
    await sampler;
    most = Math.max(most, await connections());

    expect(burst.filter(([page]) => page === 200)).toHaveLength(40);
    // 503 is the password-work bound's answer when forty compares at once exceed it (a slow machine).
    expect(burst.every(([, login]) => login === 401 || login === 503)).toBe(true);
    test.info().annotations.push({ type: "most connections", description: `${most} of ${poolSize}` });
    expect(most).toBeGreaterThan(0); // the sampler saw the pool at work
    expect(most).toBeLessThanOrEqual(poolSize);
    await client.dispose();
  } finally {
    await stopServer(server);
  }
});
