import type { APIRequestContext } from "@playwright/test";
import { apiLogin, postJson } from "./support/api";
import { sessionCookieFrom, setCookies } from "./support/sessions";
import { expect, test } from "./support/test";
import { appCode, enableTwoFactor, storedChallenges, wrongCodeNow } from "./support/two-factor";
import { PASSWORD, WRONG_PASSWORD, createAccount, uniqueEmail } from "./support/users";

// Logging in through the JSON API to an account with two-factor on: the password answers a
// challenge, the second call turns it and a code into a session. Wrong codes count toward the
// email's lockout, so each test has an account of its own.

const SECOND_FACTOR_FAILED = "That code did not work. Enter the current code from your app, or an unused recovery code.";
const CHALLENGE_EXPIRED = "This login has expired. Please log in again.";

async function twoFactorAccount(label: string) {
  const email = await createAccount({ email: uniqueEmail(label) });
  return { email, ...(await enableTwoFactor(email)) };
}

/** The password step, which must stop at the second factor; returns the challenge. */
async function challengeFor(request: APIRequestContext, email: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await postJson(request, "/api/login", { email, password: PASSWORD, ...body });
  expect(response.status(), "the password step").toBe(401);
  return (await response.json()).secondFactor.challenge;
}

function secondStep(request: APIRequestContext, challenge: unknown, code: unknown) {
  return postJson(request, "/api/login/two-factor", { challenge, code });
}

async function sessionStatus(request: APIRequestContext): Promise<number> {
  return (await request.get("/api/check_session")).status();
}

test("a right password answers 401 with a challenge, and sets no session cookie", async ({ request }) => {
  const { email } = await twoFactorAccount("api-2fa-password");

  const response = await apiLogin(request, email);
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({
    error: "A second factor is required.",
    fields: {},
    secondFactor: { challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresInSeconds: 300 },
  });
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  expect(setCookies(response)).toEqual([]);
  expect(await sessionStatus(request)).toBe(204);

  // A wrong password still gets the one generic answer, and no challenge.
  const wrong = await apiLogin(request, email, WRONG_PASSWORD);
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: "Invalid email or password.", fields: {} });
});

test("the challenge and the current code open the session, once", async ({ request }) => {
  const { email, secret } = await twoFactorAccount("api-2fa-code");
  const challenge = await challengeFor(request, email, { remember: true });

  const response = await secondStep(request, challenge, appCode(secret));
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toEqual({ user: { id: expect.any(String), email, role: "customer", emailVerified: false } });
  const cookie = setCookies(response).find((line) => sessionCookieFrom([line]));
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/Max-Age=2592000/); // `remember` was given at the password step; the challenge carried it
  const check = await request.get("/api/check_session");
  expect(check.status()).toBe(200);
  expect(await check.json()).toEqual(body);

  // The challenge ended with the login.
  const again = await secondStep(request, challenge, appCode(secret));
  expect(again.status()).toBe(401);
  expect(await again.json()).toEqual({ error: CHALLENGE_EXPIRED, fields: {}, expired: true });
});

test("a code that opened a session is refused on a new challenge (no replay)", async ({ request }) => {
  const { email, secret } = await twoFactorAccount("api-2fa-replay");
  const code = appCode(secret);
  expect((await secondStep(request, await challengeFor(request, email), code)).status()).toBe(200);
  expect((await request.delete("/api/logout")).status()).toBe(204);

  const replay = await secondStep(request, await challengeFor(request, email), code);
  expect(replay.status()).toBe(401);
  expect(await replay.json()).toEqual({ error: SECOND_FACTOR_FAILED, fields: { code: SECOND_FACTOR_FAILED } });
  expect(sessionCookieFrom(setCookies(replay))).toBeUndefined();
  expect(await sessionStatus(request)).toBe(204);
});

test("wrong codes are refused, and the fifth ends the challenge: after it even the right code cannot use it", async ({ request }) => {
  const { email, secret } = await twoFactorAccount("api-2fa-wrong");
  const challenge = await challengeFor(request, email);

  for (let attempt = 1; attempt <= 4; attempt++) {
    const wrong = await secondStep(request, challenge, wrongCodeNow(secret));
    expect(wrong.status(), `wrong code ${attempt}`).toBe(401);
    expect(await wrong.json()).toEqual({ error: SECOND_FACTOR_FAILED, fields: { code: SECOND_FACTOR_FAILED } });
  }
  const fifth = await secondStep(request, challenge, wrongCodeNow(secret));
  expect(fifth.status()).toBe(401);
  expect(await fifth.json()).toEqual({ error: CHALLENGE_EXPIRED, fields: {}, expired: true });
  expect(await storedChallenges(email)).toBe(0);

  const right = await secondStep(request, challenge, appCode(secret));
  expect(right.status()).toBe(401);
  expect(await right.json()).toEqual({ error: CHALLENGE_EXPIRED, fields: {}, expired: true });
  expect(await sessionStatus(request)).toBe(204);

  // The refused challenge did not spend the code: a new login takes it.
  expect((await secondStep(request, await challengeFor(request, email), appCode(secret))).status()).toBe(200);
});

test("a recovery code opens a session once; a second use is refused", async ({ request }) => {
  const { email, recoveryCodes } = await twoFactorAccount("api-2fa-recovery");
  const [first, second] = recoveryCodes as [string, string];

  const used = await secondStep(request, await challengeFor(request, email), first);
  expect(used.status()).toBe(200);
  expect((await used.json()).user.email).toBe(email);
  expect(await sessionStatus(request)).toBe(200);
  expect((await request.delete("/api/logout")).status()).toBe(204);

  const challenge = await challengeFor(request, email);
  const again = await secondStep(request, challenge, first);
  expect(again.status()).toBe(401);
  expect(await again.json()).toEqual({ error: SECOND_FACTOR_FAILED, fields: { code: SECOND_FACTOR_FAILED } });
  expect(await sessionStatus(request)).toBe(204);

  // Another code, typed in capitals without its hyphens, still works on the same challenge.
  expect((await secondStep(request, challenge, second.replaceAll("-", "").toUpperCase())).status()).toBe(200);
});

test("malformed bodies are a 400 with a message, never a 500, and cost the challenge nothing", async ({ request }) => {
  const { email, secret } = await twoFactorAccount("api-2fa-malformed");
  const challenge = await challengeFor(request, email);

  const bad: [string, unknown, Record<string, unknown>][] = [
    ["empty", {}, { challenge: expect.any(String), code: expect.any(String) }],
    ["no code", { challenge }, { code: expect.stringContaining("Enter the code") }],
    ["no challenge", { code: appCode(secret) }, { challenge: expect.stringContaining("challenge") }],
    ["numbers", { challenge: 42, code: 123456 }, { challenge: expect.any(String), code: expect.stringContaining("Enter the code") }],
    ["nulls", { challenge: null, code: null }, { challenge: expect.any(String), code: expect.any(String) }],
    ["an extra key", { challenge, code: appCode(secret), email }, { email: "This field is not accepted." }],
    ["a 10 kB code", { challenge, code: "1".repeat(10_000) }, { code: "A code has at most 64 characters." }],
    ["a 10 kB challenge", { challenge: "a".repeat(10_000), code: "123456" }, { challenge: expect.any(String) }],
  ];
  for (const [name, body, fields] of bad) {
    const response = await postJson(request, "/api/login/two-factor", body);
    expect(response.status(), name).toBe(400);
    expect(await response.json(), name).toEqual({ error: "Please correct the highlighted fields.", fields });
  }
  const notJson = await request.post("/api/login/two-factor", { form: { challenge, code: appCode(secret) } });
  expect(notJson.status()).toBe(415);

  // Well-formed strings that name no challenge: the same 401 as an expired one.
  for (const unknown of ["x", "a".repeat(43), "../../../etc/passwd", "é".repeat(43)]) {
    const response = await secondStep(request, unknown, appCode(secret));
    expect(response.status(), unknown).toBe(401);
    expect(await response.json()).toEqual({ error: CHALLENGE_EXPIRED, fields: {}, expired: true });
  }

  expect((await secondStep(request, challenge, appCode(secret))).status()).toBe(200);
});

test("an account without two-factor logs in with its password alone, as before", async ({ request }) => {
  const email = await createAccount({ email: uniqueEmail("api-no-2fa") });
  const response = await apiLogin(request, email);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ user: { id: expect.any(String), email, role: "customer", emailVerified: false } });
  expect(sessionCookieFrom(setCookies(response))).toBeTruthy();
  expect(await sessionStatus(request)).toBe(200);
});
