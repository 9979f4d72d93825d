import { request as httpRequest } from "node:http";
import { API_REQUESTS_PER_IP } from "../lib/auth/throttle/policies";
import { apiLogin, apiSignup, postJson } from "./support/api";
import { countUsers, shiftSessions } from "./support/db";
import { SESSION_COOKIE, checkSessionWith, sessionCookieFrom, setCookies } from "./support/sessions";
import { expect, randomAddress, test } from "./support/test";
import { PASSWORD, WRONG_PASSWORD, uniqueEmail } from "./support/users";

// The JSON API for non-browser clients: the same flows as the forms, in JSON.

test("signup creates the account, answers 201 with the user, and sets the session cookie", async ({ request }) => {
  const email = uniqueEmail("api-signup");
  const response = await apiSignup(request, `  ${email.toUpperCase()} `);
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body).toEqual({ user: { id: expect.any(String), email, role: "customer", emailVerified: false } });
  expect(setCookies(response).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toMatch(/HttpOnly/i);

  const check = await request.get("/api/check_session");
  expect(check.status()).toBe(200);
  expect(await check.json()).toEqual(body);
});

test("signup explains what is wrong, field by field, and a taken email is a 409", async ({ request }) => {
  const invalid = await postJson(request, "/api/signup", { email: "not-an-email", password: "short", passwordConfirmation: "other" });
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toEqual({
    error: "Please correct the highlighted fields.",
    fields: {
      email: expect.stringContaining("valid email"),
      password: expect.stringContaining("at least 12"),
      passwordConfirmation: expect.stringContaining("do not match"),
    },
  });

  const email = uniqueEmail("api-taken");
  expect((await apiSignup(request, email)).status()).toBe(201);
  const again = await apiSignup(request, email.toUpperCase(), "another long passphrase");
  expect(again.status()).toBe(409);
  expect(await again.json()).toEqual({
    error: "An account with this email already exists.",
    fields: { email: "An account with this email already exists." },
  });
});

test("a client cannot set role, id, active or anything else, and __proto__ does nothing", async ({ request }) => {
  for (const extra of [{ role: "admin" }, { id: "chosen-id" }, { active: false }, { emailVerified: "2026-01-01" }]) {
    const email = uniqueEmail("api-extra");
    const response = await postJson(request, "/api/signup", { email, password: PASSWORD, passwordConfirmation: PASSWORD, ...extra });
    expect(response.status()).toBe(400);
    const { fields } = await response.json();
    expect(Object.keys(fields)).toEqual(Object.keys(extra));
    expect(await countUsers(email)).toBe(0);
  }

  const email = uniqueEmail("api-proto");
  const raw = `{"email":"${email}","password":"${PASSWORD}","passwordConfirmation":"${PASSWORD}","__proto__":{"role":"admin"}}`;
  const response = await request.post("/api/signup", { data: raw, headers: { "content-type": "application/json" } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toBe(
    '{"error":"Please correct the highlighted fields.","fields":{"__proto__":"This field is not accepted."}}',
  );
  expect(await countUsers(email)).toBe(0);
});

test("login answers 200 with the user and a cookie; a failure is a generic 401 without one", async ({ request }) => {
  const email = uniqueEmail("api-login");
  expect((await apiSignup(request, email)).status()).toBe(201);
  await request.delete("/api/logout");

  const wrong = await apiLogin(request, email, WRONG_PASSWORD);
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: "Invalid email or password.", fields: {} });
  expect(sessionCookieFrom(setCookies(wrong))).toBeUndefined();
  expect((await request.get("/api/check_session")).status()).toBe(204);

  const right = await postJson(request, "/api/login", { email: email.toUpperCase(), password: PASSWORD, remember: true });
  expect(right.status()).toBe(200);
  expect((await right.json()).user.email).toBe(email);
  const cookie = setCookies(right).find((line) => line.startsWith(`${SESSION_COOKIE}=`) && !line.startsWith(`${SESSION_COOKIE}=;`));
  expect(cookie).toMatch(/Max-Age=2592000/);
  expect((await request.get("/api/check_session")).status()).toBe(200);
});

test("check_session is 204 with an empty body for every kind of bad or missing credential", async ({ request }) => {
  const email = uniqueEmail("api-check");
  const signup = await apiSignup(request, email);
  const cookie = sessionCookieFrom(setCookies(signup));
  expect(cookie).toBeTruthy();
  expect((await checkSessionWith(request, cookie!)).status()).toBe(200);

  const bad: Record<string, Record<string, string>> = {
    none: { cookie: "" },
    forged: { cookie: `${SESSION_COOKIE}=${cookie!.slice(0, -4)}AAAA` },
    garbage: { cookie: `${SESSION_COOKIE}=%%%not-a-token` },
    "bearer without a token": { cookie: "", authorization: "Bearer" },
    "basic garbage": { cookie: "", authorization: "Basic !!!" },
    "huge authorization": { cookie: "", authorization: `Bearer ${"x".repeat(6000)}` },
  };
  for (const [name, headers] of Object.entries(bad)) {
    const response = await request.get("/api/check_session", { headers });
    expect(response.status(), name).toBe(204);
    expect(await response.text(), name).toBe("");
  }

  await shiftSessions(email, { expiresInMs: -1000 }); // expired
  expect((await checkSessionWith(request, cookie!)).status()).toBe(204);
});

test("logout answers 204 and the copied cookie is worthless afterwards", async ({ request }) => {
  const signup = await apiSignup(request, uniqueEmail("api-logout"));
  const cookie = sessionCookieFrom(setCookies(signup))!;

  const logout = await request.delete("/api/logout");
  expect(logout.status()).toBe(204);
  expect(await logout.text()).toBe("");
  expect(setCookies(logout).some((line) => line.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
  expect((await checkSessionWith(request, cookie)).status()).toBe(204);

  // Logging out without a session is not an error.
  expect((await request.delete("/api/logout")).status()).toBe(204);
});

test("bodies must be JSON (415), at most 16 kB (413), and a JSON object (400)", async ({ request, baseURL }) => {
  const email = uniqueEmail("api-body");
  const formEncoded = await request.post("/api/signup", {
    form: { email, password: PASSWORD, passwordConfirmation: PASSWORD },
  });
  expect(formEncoded.status()).toBe(415);
  expect(await formEncoded.json()).toEqual({ error: expect.stringContaining("application/json"), fields: {} });
  for (const type of ["text/plain", "application/jsonp", "application/x-www-form-urlencoded"]) {
    const body = JSON.stringify({ email, password: PASSWORD, passwordConfirmation: PASSWORD });
    expect((await request.post("/api/signup", { data: body, headers: { "content-type": type } })).status(), type).toBe(415);
  }
  expect((await request.post("/api/login", { data: "{}", headers: { "content-type": "" } })).status()).toBe(415);
  expect(await countUsers(email)).toBe(0);

  // Declared too large, and too large without a declared length (chunked).
  const big = JSON.stringify({ email, password: PASSWORD, passwordConfirmation: PASSWORD, padding: "x".repeat(17_000) });
  expect((await request.post("/api/signup", { data: big, headers: { "content-type": "application/json" } })).status()).toBe(413);
  const chunkedStatus = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(new URL("/api/signup", baseURL), {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked", "x-forwarded-for": randomAddress() },
    });
    req.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on("error", reject);
    for (let i = 0; i < 20; i++) req.write(big.slice(i * 1000, (i + 1) * 1000));
    req.end();
  });
  expect(chunkedStatus).toBe(413);
  expect(await countUsers(email)).toBe(0);

  for (const body of ["{\"email\":", "[1,2]", "null", "42", "\"text\"", ""]) {
    const response = await request.post("/api/login", { data: body, headers: { "content-type": "application/json" } });
    expect(response.status(), body).toBe(400);
    expect((await response.json()).error, body).toMatch(/JSON/);
  }
  const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x22, 0x7d]);
  expect((await request.post("/api/login", { data: invalidUtf8, headers: { "content-type": "application/json" } })).status()).toBe(400);
});

test("cross-site requests are refused with 403 before anything happens", async ({ request }) => {
  const email = uniqueEmail("api-cross");
  const crossSite: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
  ];
  for (const headers of crossSite) {
    const signup = await apiSignup(request, email, PASSWORD, { headers });
    expect(signup.status(), JSON.stringify(headers)).toBe(403);
    expect(await signup.json()).toEqual({ error: "Cross-site requests are not accepted.", fields: {} });
  }
  expect(await countUsers(email)).toBe(0);

  // The site's own origin is fine.
  expect((await apiSignup(request, email, PASSWORD, { headers: { origin: new URL(test.info().project.use.baseURL!).origin } })).status()).toBe(201);
  for (const headers of crossSite) {
    const login = await apiLogin(request, email, PASSWORD, { headers });
    expect(login.status()).toBe(403);
    expect(sessionCookieFrom(setCookies(login))).toBeUndefined();
    expect((await request.delete("/api/logout", { headers })).status()).toBe(403);
  }
  expect((await request.get("/api/check_session")).status()).toBe(200); // still logged in
});

test("wrong methods get 405, not an error page", async ({ request }) => {
  expect((await request.get("/api/login")).status()).toBe(405);
  expect((await request.put("/api/signup", { data: "{}" })).status()).toBe(405);
  expect((await request.post("/api/check_session")).status()).toBe(405);
});

test("each address gets a limited number of API requests per minute", async ({ request }) => {
  const headers = { "x-forwarded-for": randomAddress() };
  let status = 0;
  let count = 0;
  while (count < 200) {
    count++;
    status = (await request.get("/api/check_session", { headers })).status();
    if (status !== 204) break;
  }
  expect(status).toBe(429);
  expect(count).toBe(API_REQUESTS_PER_IP + 1);
  const refused = await request.get("/api/check_session", { headers });
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused.json()).toEqual({ error: expect.stringMatching(/^Too many attempts, try again in \d+ minutes?\.$/), fields: {} });
  // One budget for every API route: the others are refused from this address too.
  expect((await apiLogin(request, uniqueEmail("limited"), PASSWORD, { headers })).status()).toBe(429);
  expect((await apiSignup(request, uniqueEmail("limited"), PASSWORD, { headers })).status()).toBe(429);
  expect((await request.delete("/api/logout", { headers })).status()).toBe(429);
  expect((await request.get("/api/check_session", { headers: { "x-forwarded-for": randomAddress() } })).status()).toBe(204);
});

test("half a surrogate pair in any field is a 400, not a 500 (found by the fuzz test)", async ({ request }) => {
  for (const [path, body] of [
    ["/api/login", '{"email":"\\ud800","password":"x"}'],
    ["/api/signup", '{"email":"a@example.com","password":"\\udfff long enough password","passwordConfirmation":"x"}'],
  ]) {
    const response = await request.post(path!, { data: body, headers: { "content-type": "application/json" } });
    expect(response.status(), path).toBe(400);
    expect(await response.json()).toMatchObject({ error: "The body contains text that is not valid Unicode." });
  }
});
