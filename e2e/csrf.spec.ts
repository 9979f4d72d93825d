import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { storedSessions } from "./support/db";
import { formFields } from "./support/forms";
import { expectLoggedIn, sessionCookie } from "./support/sessions";
import { expect, test } from "./support/test";
import { PASSWORD, existingUser, loggedInCustomer } from "./support/users";

// Cross-site request forgery against the server actions, from a real page on another site.
// The attacker copies the site's form (hidden action fields included) onto their own page
// and makes the victim's browser submit it: to log the victim into the attacker's account
// (login CSRF) or out of their own.

/**
 * The attacker's site: a real server on 127.0.0.1, which is another site than localhost to
 * the browser. It must be a real local server: Chromium stops a page it considers public
 * (a made-up name, or a response Playwright fakes) from reaching a local one at all
 * (Private Network Access), and the attack would never arrive.
 */
async function attackerSite(html: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_request, response) => {
    response.setHeader("Content-Type", "text/html");
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/prize`, close: () => server.close() };
}

/** The login form's fields with an account's email and password filled in. */
function withCredentials(fields: [string, string][], email: string): [string, string][] {
  return fields.map(([name, value]): [string, string] => {
    if (name === "email") return [name, email];
    if (name === "password") return [name, PASSWORD];
    return [name, value];
  });
}

function escape(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}

function formHtml(action: string, fields: [string, string][]): string {
  const inputs = fields.map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`);
  return `<form method="POST" enctype="multipart/form-data" action="${escape(action)}">${inputs.join("")}</form>`;
}

/** Serves the attacker's page, which submits the copied form; resolves with the site's answer. */
async function attack(page: Page, action: string, fields: [string, string][]) {
  const site = await attackerSite(`<!doctype html><body>${formHtml(action, fields)}<script>document.forms[0].submit()</script></body>`);
  try {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url() === action),
      page.goto(site.url),
    ]);
    return { status: response.status(), origin: await response.request().headerValue("origin"), attacker: new URL(site.url).origin };
  } finally {
    site.close();
  }
}

test("a cross-site login post does nothing", async ({ page, baseURL }) => {
  const attackerAccount = await existingUser();
  const sessionsBefore = (await storedSessions(attackerAccount)).length;
  const fields = withCredentials(await formFields(page, "/login", "Log in"), attackerAccount);
  await page.context().clearCookies();

  const { status, origin, attacker } = await attack(page, `${baseURL}/login`, fields);
  expect(origin).toBe(attacker);
  expect(status).toBe(403);
  expect(await sessionCookie(page.context())).toBeUndefined();
  expect(await storedSessions(attackerAccount)).toHaveLength(sessionsBefore);
});

test("a cross-site logout post does nothing", async ({ page, baseURL }) => {
  const email = await loggedInCustomer(page);
  const fields = await formFields(page, "/logout", "Log out");

  const { status } = await attack(page, `${baseURL}/logout`, fields);
  expect(status).toBe(403);
  expect(await storedSessions(email)).toHaveLength(1);
  await expectLoggedIn(page, email);
});

// `Origin: null` comes from sandboxed frames and some redirects. Chromium will not let a frame
// of a page on another site reach a server on localhost at all (Private Network Access), so
// this sends the request such a frame would send: the form, the victim's cookie, Origin null.
test("login and logout posts with Origin: null do nothing", async ({ page, request }) => {
  const attackerAccount = await existingUser();
  const sessionsBefore = (await storedSessions(attackerAccount)).length;
  const loginFields = withCredentials(await formFields(page, "/login", "Log in"), attackerAccount);
  const login = await request.post("/login", { multipart: Object.fromEntries(loginFields), headers: { origin: "null" } });
  expect(login.status()).toBe(403);
  expect(login.headers()["set-cookie"]).toBeUndefined();
  expect(await storedSessions(attackerAccount)).toHaveLength(sessionsBefore);

  const victim = await loggedInCustomer(page);
  const cookie = (await sessionCookie(page.context()))!;
  const logoutFields = await formFields(page, "/logout", "Log out");
  const logout = await request.post("/logout", {
    multipart: Object.fromEntries(logoutFields),
    headers: { origin: "null", cookie: `${cookie.name}=${cookie.value}` },
  });
  expect(logout.status()).toBe(403);
  expect(await storedSessions(victim)).toHaveLength(1);
  await expectLoggedIn(page, victim);
});

test("the same forms posted from the site itself work (the attack page is a faithful copy)", async ({ page }) => {
  // Control for the tests above: the copied fields are a working login when the origin is right.
  const email = await existingUser();
  const fields = withCredentials(await formFields(page, "/login", "Log in"), email);
  await page.setContent(""); // about:blank, then build the same form on the site's own origin
  await page.goto("/cookies");
  await page.evaluate((html) => {
    document.body.insertAdjacentHTML("beforeend", html);
    (document.forms[document.forms.length - 1] as HTMLFormElement).submit();
  }, formHtml("/login", fields));
  await expect(page.getByTestId("current-user")).toHaveText(email);
});
