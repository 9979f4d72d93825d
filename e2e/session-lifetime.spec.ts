import { expect, test } from "./support/test";
import { shiftSessions, storedSessions } from "./support/db";
import { expectLoggedIn, sessionCookie } from "./support/sessions";
import { PASSWORD, existingUser, fillLogin, logIn } from "./support/users";

// Time is moved by editing the session record, never by waiting.
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function expectSessionEnded(page: import("@playwright/test").Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}&notice=session-expired`);
  await expect(page.getByRole("status")).toHaveText("Your session has expired. Please log in again.");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
}

/** The session of the latest login (existingUser's registration left one of its own). */
async function storedSession(email: string) {
  const session = (await storedSessions(email)).at(-1);
  if (!session) throw new Error(`no session for ${email}`);
  return session;
}

function msBetween(from: Date, to: Date) {
  return to.getTime() - from.getTime();
}

test("without “Remember me”: a browser-session cookie and a 12-hour session", async ({ page, context, browser }) => {
  const email = await existingUser();
  await logIn(page, email, PASSWORD, { remember: false });

  const cookie = await sessionCookie(context);
  expect(cookie?.expires).toBe(-1); // no Expires or Max-Age: gone when the browser closes
  expect(cookie?.httpOnly).toBe(true);
  const session = await storedSession(email);
  expect(session.remember).toBe(false);
  expect(msBetween(session.createdAt, session.expires)).toBe(12 * HOUR);
});

test("with “Remember me”: a persistent cookie for 30 days and a 30-day session", async ({ page, context }) => {
  const email = await existingUser();
  await logIn(page, email, PASSWORD, { remember: true });

  const cookie = await sessionCookie(context);
  const expectedExpiry = (Date.now() + 30 * DAY) / 1000;
  expect(Math.abs((cookie?.expires ?? 0) - expectedExpiry)).toBeLessThan(120);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  const session = await storedSession(email);
  expect(session.remember).toBe(true);
  expect(msBetween(session.createdAt, session.expires)).toBe(30 * DAY);
});

test("two idle hours end a session; logging in again goes back to the page", async ({ page }) => {
  const email = await existingUser();
  await logIn(page, email, PASSWORD, { remember: false });

  await shiftSessions(email, { lastSeenMsAgo: 2 * HOUR - 10 * MINUTE });
  await expectLoggedIn(page, email);
  // That request was activity: the clock restarted.
  expect(Date.now() - (await storedSession(email)).lastSeenAt.getTime()).toBeLessThan(MINUTE);

  const { id } = await storedSession(email);
  await shiftSessions(email, { lastSeenMsAgo: 2 * HOUR + MINUTE });
  await expectSessionEnded(page, "/account");
  // An ended record is removed, not kept around.
  expect((await storedSessions(email)).map((session) => session.id)).not.toContain(id);

  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/account");
});

for (const { remember, limit } of [
  { remember: false, limit: "12 hours" },
  { remember: true, limit: "30 days" },
]) {
  test(`a session${remember ? " with “Remember me”" : ""} ends ${limit} after login even when used all along`, async ({ page }) => {
    const email = await existingUser();
    await logIn(page, email, PASSWORD, { remember });
    await shiftSessions(email, { lastSeenMsAgo: MINUTE, expiresInMs: -1000 });
    await expectSessionEnded(page, "/checkout");
  });
}

test("a remembered session survives days away, but not a week", async ({ page }) => {
  const email = await existingUser();
  await logIn(page, email, PASSWORD, { remember: true });

  await shiftSessions(email, { lastSeenMsAgo: 3 * DAY });
  await expectLoggedIn(page, email);

  await shiftSessions(email, { lastSeenMsAgo: 7 * DAY + MINUTE });
  await expectSessionEnded(page, "/account");
});

test("activity is written at most every few minutes, not on every request", async ({ page }) => {
  const email = await existingUser();
  await logIn(page, email, PASSWORD, { remember: false });
  const before = (await storedSession(email)).lastSeenAt;
  for (const path of ["/account", "/checkout", "/cookies"]) await page.goto(path);
  expect((await storedSession(email)).lastSeenAt).toEqual(before);
});
