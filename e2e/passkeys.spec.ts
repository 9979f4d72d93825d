import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { signAssertion } from "../lib/auth/passkeys/testing";
import { LOGIN_FAILURES_BEFORE_CAP } from "../lib/auth/throttle/policies";
import { arrangeConsecutiveFailures, query, run, setUserActive, storedAuthEvents, storedSessions } from "./support/db";
import { waitForMail } from "./support/mail";
import { arrangePasskey, heldCredentials, storePasskey, storedPasskeys, virtualAuthenticator, withoutPasskeyAutofill } from "./support/passkeys";
import { checkSessionWith, expectLoggedIn, sessionCookie, sessionCookieFrom, setCookies } from "./support/sessions";
import { expect, test } from "./support/test";
import { appCode, enableTwoFactor } from "./support/two-factor";
import { PASSWORD, createAccount, fillLogin, loggedInCustomer } from "./support/users";

// Passkeys in Chromium, with the DevTools protocol's virtual authenticator standing in for a
// phone or a laptop's fingerprint reader: it answers at once, with user verification.

const ORIGIN = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` };
/** What the code step says too (lib/flows/doors.ts): one wording for a capped email at either step. */
const LOGIN_CAPPED =
  "Logins with this email are paused after too many failed attempts. If it belongs to an account, we have sent that address a link to allow them again. You can also reset your password.";

async function logOutThroughPage(page: Page) {
  await page.goto("/logout");
  await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?notice=logged-out/);
}

async function signInWithPasskeyButton(page: Page, path = "/login") {
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

type SoftwareKey = Awaited<ReturnType<typeof storePasskey>>;

/**
 * Options for a passkey login through `request` (its cookie jar keeps the challenge's cookie),
 * and a right answer to them from a software authenticator whose counter stays 0, as many
 * synced passkeys' does: nothing but the challenge's single use stops it being posted again.
 */
async function signedLoginAnswer(request: APIRequestContext, { passkey, userId }: SoftwareKey) {
  const options = await request.post("/login/passkey/options", { headers: ORIGIN, data: {} });
  expect(options.status()).toBe(200);
  const { challenge } = (await options.json()).options;
  return signAssertion(passkey, { challenge, origin: ORIGIN.Origin, rpId: "localhost", counter: 0, userId });
}

async function userIdOf(email: string): Promise<string> {
  const [user] = await query<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = ?', [email]);
  return user!.id;
}

test.describe("with a virtual authenticator", () => {
  test("a customer adds a passkey on the Security page, logs out, and signs in with it without typing an email", async ({ page }) => {
    const email = await loggedInCustomer(page);
    await withoutPasskeyAutofill(page);
    const authenticator = await virtualAuthenticator(page);
    await page.goto("/account/security");
    const section = page.locator("#passkeys");
    await expect(section.getByTestId("no-passkeys")).toBeVisible();

    const started = Date.now();
    await section.getByLabel("Name for the passkey").fill("Work laptop");
    await section.getByLabel("Password, to confirm it is you").fill(PASSWORD);
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await expect(section.getByRole("status")).toHaveText("Passkey “Work laptop” added.");
    const listed = section.getByTestId("passkey");
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText("Work laptop");
    await expect(listed).toContainText("Device-bound passkey");
    await expect(listed).toContainText("not used yet");
    expect(await heldCredentials(authenticator)).toHaveLength(1);
    const [stored] = await storedPasskeys(email);
    expect(stored).toMatchObject({ name: "Work laptop", deviceType: "singleDevice", backedUp: false, lastUsedAt: null });
    await waitForMail(email, /A passkey was added/, { after: started });
    expect(await storedAuthEvents(email)).toContainEqual(expect.objectContaining({ type: "passkey-added", detail: "Work laptop" }));

    await logOutThroughPage(page);
    await page.goto("/login?next=/account/orders");
    await page.getByLabel("Remember me").check();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page).toHaveURL(/\/account\/orders$/);
    await expect(page.getByTestId("current-user")).toHaveText(email);

    const sessions = await storedSessions(email);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.remember).toBe(true);
    expect((await sessionCookie(page.context()))?.expires).toBeGreaterThan(Date.now() / 1000 + 86_400);
    const [used] = await storedPasskeys(email);
    expect(used!.lastUsedAt).not.toBeNull();
    expect(used!.counter).toBeGreaterThan(stored!.counter);
    expect(await storedAuthEvents(email)).toContainEqual(expect.objectContaining({ type: "login-succeeded", detail: "with a passkey" }));
  });

  test("the browser's passkey autofill on the email field signs in (conditional mediation)", async ({ page }) => {
    const email = await createAccount();
    const authenticator = await virtualAuthenticator(page);
    await arrangePasskey(email, authenticator);
    await page.goto("/login?next=/cart");
    await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("autocomplete", "username webauthn");
    // Chromium's virtual authenticator answers a conditional request without showing the
    // autofill list: the page was waiting for it, and no button was pressed.
    await page.getByLabel("Email", { exact: true }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByTestId("current-user")).toHaveText(email);
  });

  test("/login asks for passkey options (a challenge row each) only on the email field's focus, and again once they are old", async ({ page }) => {
    await virtualAuthenticator(page); // it holds no passkey: the autofill request just waits
    await page.clock.install();
    let asked = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/login/passkey/options") asked += 1;
    });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
    const email = page.getByLabel("Email", { exact: true });
    const password = page.getByLabel("Password", { exact: true });
    await password.focus();
    expect(asked).toBe(0);
    await email.focus();
    await expect.poll(() => asked).toBe(1);
    await password.focus();
    await email.focus(); // the waiting request's options are fresh: no new ones
    await page.waitForTimeout(200);
    expect(asked).toBe(1);
    await page.clock.fastForward("04:40"); // past 4.5 of the server's 5 minutes
    await password.focus();
    await email.focus();
    await expect.poll(() => asked).toBe(2);
  });

  test("with passkeys unavailable (options answer 503) the button goes away quietly", async ({ page }) => {
    await virtualAuthenticator(page);
    await page.route(
      (url) => url.pathname === "/login/passkey/options",
      (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "Passkeys are not available.", fields: {} }) }),
    );
    const button = page.getByRole("button", { name: "Sign in with a passkey" });
    await page.goto("/login");
    await button.click();
    await expect(button).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
    await page.reload();
    await expect(button).toBeVisible();
    await page.getByLabel("Email", { exact: true }).focus(); // the autofill's way in
    await expect(button).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  });

  test("a passkey answers the second step of a password login with two-factor on, and only the account's own", async ({ page }) => {
    const email = await createAccount();
    await enableTwoFactor(email);
    await withoutPasskeyAutofill(page);
    const authenticator = await virtualAuthenticator(page);
    await arrangePasskey(email, authenticator);

    // Someone else's passkey, signed correctly for the challenge, is refused.
    const other = await createAccount();
    const othersKey = await arrangePasskey(other, authenticator, { name: "Not yours" });
    await page.goto("/login?next=/account/orders");
    await fillLogin(page, email);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page).toHaveURL(/\/login\/two-factor$/);
    const options = await page.request.post("/login/two-factor/passkey/options", { headers: ORIGIN, data: {} });
    expect(options.status()).toBe(200);
    const { challenge, allowCredentials } = (await options.json()).options;
    expect(allowCredentials.map((credential: { id: string }) => credential.id)).not.toContain(othersKey.credentialId);
    const foreign = signAssertion(othersKey, { challenge, origin: ORIGIN.Origin, rpId: "localhost", counter: 1, userId: await userIdOf(other) });
    const refused = await page.request.post("/login/two-factor/passkey", { headers: ORIGIN, data: { response: foreign } });
    expect(refused.status()).toBe(401);
    expect(await storedSessions(email)).toHaveLength(0);

    await page.reload();
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await expect(page).toHaveURL(/\/account\/orders$/);
    await expect(page.getByTestId("current-user")).toHaveText(email);
    expect(await storedAuthEvents(email)).toContainEqual(expect.objectContaining({ type: "login-succeeded", detail: "with a password and a passkey" }));
  });

  test("the passkey second step answers a capped or ended login as the code step does, and an ended one's cookie goes", async ({ page }) => {
    const email = await createAccount();
    await enableTwoFactor(email);
    await withoutPasskeyAutofill(page);
    const key = await storePasskey(email);
    await page.goto("/login");
    await fillLogin(page, email);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page).toHaveURL(/\/login\/two-factor$/);

    await arrangeConsecutiveFailures(email, LOGIN_FAILURES_BEFORE_CAP + 1); // past the cap, as after its last failure
    const options = await page.request.post("/login/two-factor/passkey/options", { headers: ORIGIN, data: {} });
    const { challenge } = (await options.json()).options;
    const response = signAssertion(key.passkey, { challenge, origin: ORIGIN.Origin, rpId: "localhost", counter: 0, userId: key.userId });
    const capped = await page.request.post("/login/two-factor/passkey", { headers: ORIGIN, data: { response } });
    expect(capped.status()).toBe(429);
    expect((await capped.json()).error).toBe(LOGIN_CAPPED);
    expect(await storedSessions(email)).toHaveLength(0);

    await run('DELETE FROM "LoginChallenge" WHERE "userId" = ?', [key.userId]); // the login ends (five minutes, or five failures)
    const ended = await page.request.post("/login/two-factor/passkey/options", { headers: ORIGIN, data: {} });
    expect(ended.status()).toBe(401);
    expect(await ended.json()).toMatchObject({ expired: true, error: "This login has expired. Please log in again." });
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("two-factor-challenge");
  });

  test("the owner renames and removes a passkey; each change is mailed and recorded", async ({ page }) => {
    const email = await loggedInCustomer(page);
    await withoutPasskeyAutofill(page);
    const authenticator = await virtualAuthenticator(page);
    await arrangePasskey(email, authenticator, { name: "Old phone" });
    await page.goto("/account/security");
    const section = page.locator("#passkeys");

    const started = Date.now();
    await section.getByLabel("New name for “Old phone”").fill("Kitchen tablet");
    await section.getByRole("button", { name: "Rename" }).click();
    await expect(section.getByTestId("passkey")).toContainText("Kitchen tablet");
    await waitForMail(email, /was renamed/, { after: started });

    await section.getByRole("button", { name: "Remove “Kitchen tablet”" }).click();
    await expect(section.getByTestId("no-passkeys")).toBeVisible();
    await waitForMail(email, /was removed/, { after: started });
    expect(await storedPasskeys(email)).toEqual([]);
    const events = (await storedAuthEvents(email)).map((event) => [event.type, event.detail]);
    expect(events).toEqual(expect.arrayContaining([["passkey-renamed", "Kitchen tablet"], ["passkey-removed", "Kitchen tablet"]]));

    // The removed passkey still sits in the authenticator, and opens nothing.
    await logOutThroughPage(page);
    await signInWithPasskeyButton(page);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That passkey did not work");
    expect(await storedSessions(email)).toHaveLength(0);
  });

  test("a forged assertion is refused: one byte of the signature changed on its way", async ({ page }) => {
    const email = await createAccount();
    await withoutPasskeyAutofill(page);
    await arrangePasskey(email, await virtualAuthenticator(page));
    await page.route((url) => url.pathname === "/login/passkey", async (route) => {
      const body = route.request().postDataJSON();
      const signature = Buffer.from(body.response.response.signature, "base64url");
      signature[signature.length - 1]! ^= 0x01;
      body.response.response.signature = signature.toString("base64url");
      await route.continue({ postData: JSON.stringify(body) });
    });
    await signInWithPasskeyButton(page);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That passkey did not work");
    expect(await storedSessions(email)).toHaveLength(0);
    expect(await storedAuthEvents(email)).toContainEqual(expect.objectContaining({ type: "passkey-failed" }));
  });

  test("a replayed assertion is refused, with its own challenge's cookie put back or a fresh challenge", async ({ page }) => {
    const email = await createAccount();
    const key = await storePasskey(email);
    const answer = { response: await signedLoginAnswer(page.request, key) };
    const challengeCookie = (await page.context().cookies()).find((cookie) => cookie.name === "passkey-challenge")!;
    expect((await page.request.post("/login/passkey", { headers: ORIGIN, data: answer })).status()).toBe(200);
    expect(await storedSessions(email)).toHaveLength(1);
    await page.context().clearCookies();

    // The same body with the same challenge's cookie, as a thief holding both would send it: the
    // counter is still 0, so only the server's single use of the challenge refuses it.
    await page.context().addCookies([challengeCookie]);
    const replayed = await page.request.post("/login/passkey", { headers: ORIGIN, data: answer });
    expect(replayed.status()).toBe(401);
    expect(await replayed.json()).toMatchObject({ expired: true }); // the page would fetch new options
    expect(sessionCookieFrom(setCookies(replayed))).toBeUndefined();
    // With a fresh challenge in the cookie, the old signature covers the wrong one.
    expect((await page.request.post("/login/passkey/options", { headers: ORIGIN, data: {} })).status()).toBe(200);
    expect((await page.request.post("/login/passkey", { headers: ORIGIN, data: answer })).status()).toBe(401);
    expect(await storedSessions(email)).toHaveLength(1);
  });

  test("a deactivated account's passkey opens nothing", async ({ page }) => {
    const email = await createAccount();
    await withoutPasskeyAutofill(page);
    await arrangePasskey(email, await virtualAuthenticator(page));
    await setUserActive(email, false);
    await signInWithPasskeyButton(page);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That passkey did not work");
    expect(await storedSessions(email)).toHaveLength(0);
  });

  test("the cookie of a passkey session is dead after logout", async ({ page }) => {
    const email = await createAccount();
    await withoutPasskeyAutofill(page);
    await arrangePasskey(email, await virtualAuthenticator(page));
    await signInWithPasskeyButton(page);
    await expect(page.getByTestId("current-user")).toHaveText(email);
    await expectLoggedIn(page, email);
    const cookie = (await sessionCookie(page.context()))!.value;
    expect((await checkSessionWith(page.request, cookie)).status()).toBe(200);
    await logOutThroughPage(page);
    expect((await checkSessionWith(page.request, cookie)).status()).toBe(204);
  });

  test("`next` goes through the sanitizer: another site is never the target", async ({ page }) => {
    const email = await createAccount();
    await withoutPasskeyAutofill(page);
    await arrangePasskey(email, await virtualAuthenticator(page));
    await signInWithPasskeyButton(page, `/login?next=${encodeURIComponent("/a/..//evil.example/")}`);
    await expect(page.getByTestId("current-user")).toHaveText(email);
    expect(new URL(page.url()).host).toBe(new URL(ORIGIN.Origin).host);
  });

  test("a hostile `next` posted straight to the passkey login, past the page's sanitizer, still lands on this site", async ({ request }) => {
    const key = await storePasskey(await createAccount());
    for (const next of ["//evil.example/x", "https://evil.example", "/\\evil.example", "http:evil.example", "javascript:alert(1)"]) {
      const answer = await request.post("/login/passkey", { headers: ORIGIN, data: { response: await signedLoginAnswer(request, key), next } });
      expect(answer.status(), next).toBe(200);
      const target = (await answer.json()).next;
      expect(target, next).toMatch(/^\/(?![/\\])/);
      expect(new URL(target, ORIGIN.Origin).origin, next).toBe(ORIGIN.Origin);
    }
  });

  test("the changed pages pass axe with passkeys shown", async ({ page }) => {
    const email = await loggedInCustomer(page);
    await withoutPasskeyAutofill(page);
    await arrangePasskey(email, await virtualAuthenticator(page), { name: "Phone" });
    await enableTwoFactor(email);
    for (const path of ["/account/security"]) {
      await page.goto(path);
      await expect(page.getByRole("button", { name: "Add a passkey" })).toBeVisible();
      await expectNoSeriousViolations(page);
    }
    await logOutThroughPage(page);
    await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
    await expectNoSeriousViolations(page);
    await fillLogin(page, email);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page.getByRole("button", { name: "Use a passkey" })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`), page.url()).toEqual([]);
}

test("the passkey endpoints answer a bad request with a 4xx JSON message and no session, never a 500", async ({ request }) => {
  expect((await request.post("/login/passkey/options", { data: {} })).status()).toBe(403); // no Origin: not a browser on this site
  expect((await request.post("/login/passkey/options", { headers: { Origin: "https://evil.example" }, data: {} })).status()).toBe(403);
  const email = await createAccount();
  const key = await storePasskey(email);
  const valid = () => signedLoginAnswer(request, key);
  const json = { ...ORIGIN, "content-type": "application/json" };
  const bad: { label: string; status: number; send: () => Promise<{ headers: Record<string, string>; data: unknown }> }[] = [
    { label: "not JSON", status: 415, send: async () => ({ headers: { ...ORIGIN, "content-type": "text/plain" }, data: JSON.stringify({ response: await valid() }) }) },
    { label: "malformed JSON", status: 400, send: async () => ({ headers: json, data: `{"response": ${JSON.stringify(await valid())}` }) },
    { label: "an array", status: 400, send: async () => ({ headers: json, data: JSON.stringify([{ response: await valid() }]) }) },
    { label: "remember as text", status: 400, send: async () => ({ headers: json, data: JSON.stringify({ response: await valid(), remember: "yes" }) }) },
    { label: "remember as a number", status: 400, send: async () => ({ headers: json, data: JSON.stringify({ response: await valid(), remember: 1 }) }) },
    { label: "a huge body", status: 413, send: async () => ({ headers: json, data: JSON.stringify({ response: await valid(), padding: "x".repeat(20_000) }) }) },
    { label: "response as text", status: 401, send: async () => ({ headers: json, data: JSON.stringify({ response: "x" }) }) },
    { label: "response of the wrong shape", status: 401, send: async () => ({ headers: json, data: JSON.stringify({ response: { id: "AA", rawId: "AA", type: "public-key", response: {} } }) }) },
    { label: "response null", status: 401, send: async () => ({ headers: json, data: JSON.stringify({ response: null }) }) },
  ];
  for (const { label, status, send } of bad) {
    const answer = await request.post("/login/passkey", await send());
    expect(answer.status(), label).toBe(status);
    expect(answer.headers()["content-type"], label).toContain("application/json");
    expect(typeof (await answer.json()).error, label).toBe("string");
    expect(sessionCookieFrom(setCookies(answer)), label).toBeUndefined();
  }
  expect(await storedSessions(email)).toHaveLength(0);
  expect((await request.post("/login/two-factor/passkey/options", { headers: ORIGIN, data: {} })).status()).toBe(401);
  expect((await request.post("/account/security/passkeys/options", { headers: ORIGIN, data: { password: PASSWORD } })).status()).toBeLessThan(500);
});

test("adding a passkey takes the app's current code instead of the password, never a recovery code", async ({ page }) => {
  const email = await loggedInCustomer(page);
  const { secret, recoveryCodes } = await enableTwoFactor(email);
  const refused = await page.request.post("/account/security/passkeys/options", { headers: ORIGIN, data: { code: recoveryCodes[0] } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).fields.code).toContain("authenticator app");
  const [unused] = await query<{ n: number }>(
    'SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "RecoveryCode" r JOIN "User" u ON u."id" = r."userId" WHERE u."email" = ? AND r."usedAt" IS NULL',
    [email],
  );
  expect(unused!.n).toBe(recoveryCodes.length); // not burnt
  expect((await page.request.post("/account/security/passkeys/options", { headers: ORIGIN, data: { code: appCode(secret) } })).status()).toBe(200);
});

test("without JavaScript there are no passkey buttons, and the rest works as before", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const email = await loggedInCustomer(page);
  await page.goto("/account/security");
  await expect(page.locator("#passkeys")).toContainText("You have no passkeys yet.");
  await expect(page.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  await logOutThroughPage(page);
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toHaveCount(0);
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await context.close();
});
