import type { APIResponse } from "@playwright/test";
import fc from "fast-check";
import { normalizeEmail } from "../lib/auth/account/email-address";
import { apiLogin } from "./support/api";
import { countUsers, storedSessions } from "./support/db";
import { otherDevice } from "./support/sessions";
import { addToCart, adminPage, allCookieRows } from "./support/shop";
import { actionIdIn, formFields } from "./support/forms";
import { LOAD, expect, randomAddress, test } from "./support/test";
import { linkIn, waitForMail } from "./support/mail";
import { PASSWORD, register, uniqueEmail } from "./support/users";

// Random and adversarial input against the JSON API and the form actions (fast-check).
// Whatever arrives, the answer is a 4xx with a clear message, or success for valid input;
// never a 5xx, never a stack trace, and no account unless the signup was valid.

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ minLength: 3000, maxLength: 6000 }),
  fc.constantFrom(
    "\u0000",
    "admin\u0000@example.com",
    "ａｄｍｉｎ@example.com", // full-width
    "аdmin@example.com", // Cyrillic "а"
    "admin@exаmple.com",
    "\u202eadmin@example.com",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "${7*7}",
    "__proto__",
    "\ud800",
    "x".repeat(300),
  ),
);
const anyField = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));

/** Now and then a valid signup, so the property also covers the success path. */
const validSignup = fc.constant(null).map(() => {
  const email = uniqueEmail("fuzz");
  return { email, password: PASSWORD, passwordConfirmation: PASSWORD };
});
const jsonBody = fc.oneof(
  { weight: 6, arbitrary: fc.record({ email: anyField, password: anyField, passwordConfirmation: anyField, remember: anyField }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: validSignup },
  { weight: 1, arbitrary: fc.jsonValue() },
);
const bodyText = fc.oneof(
  { weight: 6, arbitrary: jsonBody.map((body) => JSON.stringify(body)) },
  { weight: 1, arbitrary: jsonBody.map((body) => JSON.stringify(body).slice(0, -1)) }, // broken JSON
  { weight: 1, arbitrary: fc.string() },
  {
    weight: 1, // duplicate keys: the last one wins in JSON.parse; either way no crash
    arbitrary: fc.tuple(hostileString, hostileString).map(([a, b]) => `{"email":${JSON.stringify(a)},"email":${JSON.stringify(b)},"password":"x","password":${JSON.stringify(b)}}`),
  },
);

const STACK_TRACE = /\n\s+at |node_modules|webpack|\.ts:\d+|Error: /;

async function expectCleanAnswer(response: APIResponse, allowed: number[]) {
  const status = response.status();
  const text = await response.text();
  expect(status === 204 || allowed.includes(status) || (status >= 400 && status < 500), `status ${status}: ${text.slice(0, 300)}`).toBe(true);
  expect(text).not.toMatch(STACK_TRACE);
  return { status, text };
}

/** The normalized email a body asked for, when it is a string. */
function requestedEmail(text: string): string | null {
  try {
    const body = JSON.parse(text) as { email?: unknown };
    return typeof body?.email === "string" ? normalizeEmail(body.email) : null;
  } catch {
    return null;
  }
}

test("the JSON API answers anything with a clear 4xx, and only a valid signup creates an account", async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("/api/signup", "/api/login"), bodyText, async (path, text) => {
      const response = await request.post(path, {
        data: text,
        headers: { "content-type": "application/json", "x-forwarded-for": randomAddress() },
      });
      const { status, text: answer } = await expectCleanAnswer(response, path === "/api/signup" ? [201] : [200]);
      if (status >= 400) {
        const body = JSON.parse(answer);
        expect(typeof body.error).toBe("string");
        expect(body.error.length).toBeGreaterThan(5);
        expect(typeof body.fields).toBe("object");
      }
      const email = requestedEmail(text);
      if (path === "/api/signup" && email) {
        // 201 made exactly one account; 409 found one already there; anything else made none.
        if (status === 201) expect(await countUsers(email)).toBe(1);
        else if (status !== 409) expect(await countUsers(email), `${status} for ${JSON.stringify(email)}`).toBe(0);
      }
    }),
    { numRuns: 120 },
  );
});

test("the login and register form actions answer anything without a 5xx or an account", async ({ page, request }) => {
  const forms = {
    "/login": await formFields(page, "/login", "Log in"),
    "/register": await formFields(page, "/register", "Create account"),
  };
  const formValue = fc.oneof(hostileString, fc.constant(undefined));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("/login" as const, "/register" as const),
      fc.record({ email: formValue, password: formValue, passwordConfirmation: formValue, remember: formValue, next: formValue }),
      async (path, values) => {
        // The form as rendered, with each field replaced by the generated value or left out.
        const multipart: Record<string, string> = Object.fromEntries(forms[path]);
        for (const [name, value] of Object.entries(values)) {
          if (value === undefined) delete multipart[name];
          else multipart[name] = value;
        }
        const response = await request.post(path, { multipart, headers: { "x-forwarded-for": randomAddress() }, maxRedirects: 0 });
        await expectCleanAnswer(response, [200, 303]);
        if (path === "/register" && typeof values.email === "string") {
          expect(await countUsers(normalizeEmail(values.email))).toBe(0); // random input is never a valid signup
        }
      },
    ),
    { numRuns: 80 },
  );
});

test("hand-made server-action calls (the JavaScript path) get a 4xx or an error message, never a 5xx", async ({ page, request }) => {
  // The id of each form's action, as the page's JavaScript would send it in `Next-Action`.
  const actionId = async (path: string, button: string) => actionIdIn(await formFields(page, path, button));
  const ids = { "/login": await actionId("/login", "Log in"), "/register": await actionId("/register", "Create account") };
  const jsonArgs = fc.array(fc.oneof(fc.jsonValue(), fc.constantFrom("$K1", "$@1", "$T", "$Q1", "$undefined")), { maxLength: 3 });
  const body = fc.oneof(
    fc.string().map((text) => ({ text, type: "text/plain;charset=UTF-8" })),
    jsonArgs.map((args) => ({ text: JSON.stringify(args), type: "text/plain;charset=UTF-8" })),
    fc.record({ zero: fc.oneof(fc.string(), jsonArgs.map((args) => JSON.stringify(args))), email: hostileString }).map(({ zero, email }) => ({
      multipart: { "0": zero, "1_email": email, "1_password": email },
    })),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("/login" as const, "/register" as const), body, async (path, sent) => {
      const headers = { "next-action": ids[path], "x-forwarded-for": randomAddress() };
      const response =
        "multipart" in sent
          ? await request.post(path, { multipart: sent.multipart, headers })
          : await request.post(path, { data: sent.text, headers: { ...headers, "content-type": sent.type } });
      await expectCleanAnswer(response, [200, 303]);
    }),
    { numRuns: 100 },
  );
});

test("50 simultaneous signups for one email, in different spellings, create exactly one account", LOAD, async ({ request }) => {
  const local = `race-${Date.now().toString(36)}`;
  const spellings = [
    `${local}@example.com`,
    `${local.toUpperCase()}@EXAMPLE.COM`,
    `  ${local}@Example.com `,
    `${[...local].map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join("")}@example.com`, // full-width
  ];
  const attempts = Array.from({ length: 50 }, (_, i) => ({ email: spellings[i % spellings.length]!, password: `${PASSWORD} number ${i}` }));
  const responses = await Promise.all(
    attempts.map(({ email, password }) =>
      request.post("/api/signup", {
        data: JSON.stringify({ email, password, passwordConfirmation: password }),
        headers: { "content-type": "application/json", "x-forwarded-for": randomAddress() },
      }),
    ),
  );
  const statuses = responses.map((response) => response.status());
  expect(statuses.filter((status) => status === 201)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(49);
  expect(await countUsers(`${local}@example.com`)).toBe(1);

  const winner = attempts[statuses.indexOf(201)]!;
  const loser = attempts[statuses.indexOf(409)]!;
  expect((await apiLogin(request, `${local}@example.com`, winner.password)).status()).toBe(200);
  expect((await apiLogin(request, `${local}@example.com`, loser.password)).status()).toBe(401);
});

test("the shop's forms (cart, checkout, staff's catalog) answer anything without a 5xx", async ({ browser }) => {
  // A signed-in admin with something in the cart, so every form is on the page to copy.
  const { page: admin } = await adminPage(browser);
  await addToCart(admin, "Chocolate Chip");
  const forms = {
    add: { path: "/cookies", fields: await formFields(admin, "/cookies", "Add Chocolate Chip to cart") },
    update: { path: "/cart", fields: await formFields(admin, "/cart", "Update Chocolate Chip") },
    order: { path: "/checkout", fields: await formFields(admin, "/checkout", "Place order") },
    save: { path: "/admin/cookies/save", fields: await formFields(admin, "/admin/cookies/new", "Add cookie") },
  };
  const before = await allCookieRows();
  const value = fc.oneof(hostileString, fc.constant(undefined));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...(Object.keys(forms) as (keyof typeof forms)[])),
      fc.dictionary(fc.constantFrom("cookieId", "quantity", "checkoutKey", "expectedTotalCents", "name", "description", "price", "illustration"), value),
      async (kind, values) => {
        const multipart: Record<string, string> = Object.fromEntries(forms[kind].fields);
        for (const [name, sent] of Object.entries(values)) {
          if (sent === undefined) delete multipart[name];
          else multipart[name] = sent;
        }
        const response = await admin.request.post(forms[kind].path, { multipart, maxRedirects: 0 });
        await expectCleanAnswer(response, [200, 303, 400, 404]);
      },
    ),
    { numRuns: 80 },
  );
  // Random input never made a valid cookie: the catalog is as it was.
  expect(await allCookieRows()).toBe(before);
  await admin.context().close();
});

test("the recovery and address forms (forgot, reset, confirm, change email) answer anything without a 5xx", async ({ browser }) => {
  // A signed-in customer with a live reset link and a live confirmation link, so every form is on a page to copy.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const email = await register(page);
  const confirmLink = linkIn(await waitForMail(email, /^Confirm your email address/), "/verify-email");
  const reset = await formFields(page, "/forgot-password", "Send me a link");
  await page.request.post("/forgot-password", { multipart: Object.fromEntries(reset.map(([name, value]) => [name, name === "email" ? email : value])) });
  const resetLink = linkIn(await waitForMail(email, /^Reset your Cookieshop password$/), "/reset-password");
  const forms = {
    forgot: { path: "/forgot-password", fields: reset },
    reset: { path: resetLink, fields: await formFields(page, resetLink, "Save new password") },
    confirm: { path: confirmLink, fields: await formFields(page, confirmLink, "Confirm my email address") },
    change: { path: "/account/security", fields: await formFields(page, "/account/security", "Change email address") },
  };
  const value = fc.oneof(hostileString, fc.constant(undefined));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...(Object.keys(forms) as (keyof typeof forms)[])),
      fc.dictionary(fc.constantFrom("email", "token", "password", "passwordConfirmation", "newEmail", "from"), value),
      async (kind, values) => {
        const multipart: Record<string, string> = Object.fromEntries(forms[kind].fields);
        for (const [name, sent] of Object.entries(values)) {
          if (sent === undefined) delete multipart[name];
          else multipart[name] = sent;
        }
        const response = await page.request.post(forms[kind].path, {
          multipart,
          headers: { "x-forwarded-for": randomAddress() },
          maxRedirects: 0,
        });
        await expectCleanAnswer(response, [200, 303]);
      },
    ),
    { numRuns: 80 },
  );
  await context.close();
});

// PostgreSQL can neither store nor look up text holding NUL (U+0000), which SQLite takes in
// its stride, so a NUL that reached a query would be a 500 on one database only. Every way in
// refuses it before any query: addresses, JSON bodies, staff's text fields, and session ids.
test("a NUL character is refused wherever it is sent, with a 4xx and nothing stored", async ({ browser, request }) => {
  const { page: admin, email } = await adminPage(browser);
  await addToCart(admin, "Chocolate Chip");
  await admin.goto("/checkout");
  await admin.getByRole("button", { name: "Place order" }).click();
  await expect(admin.getByRole("heading", { name: /^Order of/ })).toBeVisible();

  for (const path of ["/account/orders/%00", "/account/orders/x%00y", "/admin/cookies/%00", "/cookies?notice=%00"]) {
    const response = await admin.request.get(path, { maxRedirects: 0 });
    await expectCleanAnswer(response, [400]);
    expect(await response.text()).toContain("NUL character");
  }

  const login = await apiLogin(request, "ann\u0000@example.com");
  await expectCleanAnswer(login, [400]);
  expect((await login.json()).error).toContain("NUL character");

  // The login form takes any text as the email (it only has to match an account).
  const loginPage = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await loginPage.goto("/login");
  await loginPage.getByLabel("Email").evaluate((input: HTMLInputElement) => {
    input.type = "text";
    input.value = "ann\u0000@example.com";
  });
  await loginPage.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await loginPage.getByRole("button", { name: "Log in" }).click();
  await expect(loginPage.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com.");
  await loginPage.close();

  const before = await allCookieRows();
  const save = Object.fromEntries(await formFields(admin, "/admin/cookies/new", "Add cookie"));
  const saved = await admin.request.post("/admin/cookies/save", {
    multipart: { ...save, name: "Nul\u0000cookie", description: "A cookie with a NUL in its name.", price: "2.00" },
    maxRedirects: 0,
  });
  await expectCleanAnswer(saved, [303]);
  await admin.goto(saved.headers().location!);
  await expect(admin.locator("#name-error")).toHaveText("Use letters, digits and punctuation, without control characters.");
  expect(await allCookieRows()).toBe(before);

  // The security page's "Sign out" form for another device, with its session id replaced.
  await otherDevice(browser, email);
  await admin.goto("/account/security");
  const signOut = admin.getByRole("button", { name: "Sign out", exact: true }).first();
  await signOut.evaluate((button) => {
    const field = button.closest("form")?.querySelector<HTMLInputElement>('input[name="sessionId"]');
    if (field) field.value = "\u0000";
  });
  await signOut.click();
  await expect(admin).toHaveURL(/\/account\/security\?notice=signed-out-one$/);
  expect(await storedSessions(email)).toHaveLength(2);
  await admin.context().close();
});
