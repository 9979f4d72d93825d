import {
  EMAIL_LOCKOUT_SECONDS,
  LOGIN_FAILURES_PER_EMAIL,
  LOGIN_FAILURES_PER_IP,
  SIGNUPS_PER_IP,
} from "../lib/auth/throttle/policies";
import { apiLogin, apiSignup } from "./support/api";
import { emailLimitKey, expireRateLimit, storedAuthEvents } from "./support/db";
import { expectLoggedIn } from "./support/sessions";
import { expect, randomAddress, test } from "./support/test";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, logIn, uniqueEmail } from "./support/users";

// Brute force: failures are counted per email and per client address, in the database.

const LOCKED_MESSAGE = `Too many attempts, try again in ${EMAIL_LOCKOUT_SECONDS / 60} minutes.`;

async function failLogins(request: import("@playwright/test").APIRequestContext, email: string, times: number, address?: string) {
  const headers = address ? { "x-forwarded-for": address } : undefined;
  for (let i = 0; i < times; i++) {
    expect((await apiLogin(request, email, WRONG_PASSWORD, { headers })).status()).toBe(401);
  }
}

async function submitLogin(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/login");
  await fillLogin(page, email, password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test(`${LOGIN_FAILURES_PER_EMAIL} failures lock the email for 15 minutes, even with the right password`, async ({
  page,
  browser,
  request,
}) => {
  const email = await existingUser();
  await failLogins(request, email, LOGIN_FAILURES_PER_EMAIL);

  // The form says why, and the right password does not get in.
  await submitLogin(page, email, PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(LOCKED_MESSAGE);
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  // The lock is on the email: another address is refused too, with 429 and Retry-After.
  const refused = await apiLogin(request, email, PASSWORD, { headers: { "x-forwarded-for": randomAddress() } });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(EMAIL_LOCKOUT_SECONDS - 60);
  expect(await refused.json()).toEqual({ error: LOCKED_MESSAGE, fields: {} });

  // Once the 15 minutes are over (moved in the database, not waited), the password works again.
  await expireRateLimit(emailLimitKey(email));
  await logIn(page, email);
  expect((await storedAuthEvents(email)).map((event) => event.type)).toEqual([
    ...Array(LOGIN_FAILURES_PER_EMAIL).fill("login-failed"),
    "locked-out",
    "login-succeeded",
  ]);
});

test("an unknown email is locked exactly like an existing one, with the same answer", async ({ page, request }) => {
  const existing = await existingUser();
  const unknown = uniqueEmail("nobody");
  await failLogins(request, existing, LOGIN_FAILURES_PER_EMAIL);
  await failLogins(request, unknown, LOGIN_FAILURES_PER_EMAIL);

  for (const email of [existing, unknown]) {
    await submitLogin(page, email, PASSWORD);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(LOCKED_MESSAGE);
  }
  const [a, b] = [await apiLogin(request, existing), await apiLogin(request, unknown)];
  expect([a.status(), await a.text()]).toEqual([b.status(), await b.text()]);
});

test("a success resets the email's count", async ({ page, request }) => {
  const email = await existingUser();
  await failLogins(request, email, LOGIN_FAILURES_PER_EMAIL - 1);
  expect((await apiLogin(request, email)).status()).toBe(200);
  await failLogins(request, email, LOGIN_FAILURES_PER_EMAIL - 1);
  await logIn(page, email);
  await expectLoggedIn(page, email);
});

test(`${LOGIN_FAILURES_PER_IP} failures from one address lock that address out, across emails`, async ({ request }) => {
  const address = randomAddress();
  const victim = await existingUser();
  for (let i = 0; i < LOGIN_FAILURES_PER_IP; i++) {
    expect((await apiLogin(request, uniqueEmail("spray"), WRONG_PASSWORD, { headers: { "x-forwarded-for": address } })).status()).toBe(401);
  }
  const refused = await apiLogin(request, victim, PASSWORD, { headers: { "x-forwarded-for": address } });
  expect(refused.status()).toBe(429);
  // The account itself is not locked: from elsewhere its owner logs in.
  expect((await apiLogin(request, victim, PASSWORD, { headers: { "x-forwarded-for": randomAddress() } })).status()).toBe(200);
});

test(`registration is limited to ${SIGNUPS_PER_IP} attempts per address per hour`, async ({ page, request }) => {
  const address = randomAddress();
  const headers = { "x-forwarded-for": address };
  for (let i = 0; i < SIGNUPS_PER_IP; i++) {
    expect((await apiSignup(request, uniqueEmail("signup-limit"), PASSWORD, { headers })).status()).toBe(201);
  }
  const refused = await apiSignup(request, uniqueEmail("signup-limit"), PASSWORD, { headers });
  expect(refused.status()).toBe(429);
  expect((await refused.json()).error).toMatch(/^Too many attempts, try again in \d+ minutes?\.$/);

  // The form from the same address says the same.
  await page.setExtraHTTPHeaders(headers);
  await page.goto("/register");
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("signup-limit"));
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many attempts, try again in \d+ minutes?\./);
});
