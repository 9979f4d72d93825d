import type { Page } from "@playwright/test";
import { deleteSession, query, run, setUserActive, storedAuthEvents, storedPasswordHash, storedSessions } from "./support/db";
import { otherDevice } from "./support/sessions";
import { adminForms, adminPage, addToCart, sendAdminForms, storedCart, storedCookie, storedOrders } from "./support/shop";
import { expect, test } from "./support/test";
import { PASSWORD, loggedInCustomer, markAddressConfirmed, uniqueEmail } from "./support/users";

// A session that has ended still has its cookie: the owner logged out elsewhere (the row is
// gone), or the operator deactivated the account (the row is there, the account is not
// active). Middleware lets such a cookie through; every server action and staff route
// handler must then do nothing and send the visitor to log in. Each action is called both
// ways a browser calls it: as a form post without JavaScript (303 to the login page) and by
// the page's JavaScript (the router follows the action's redirect to the login page).

const NEW_PASSWORD = "a completely different passphrase";

type Ending = "revoked" | "deactivated";

/** Ends the session `sessionId` of `email` as `ending` says, leaving the browser's cookie alone. */
async function endSession(ending: Ending, email: string, sessionId: string): Promise<void> {
  if (ending === "revoked") await deleteSession(sessionId);
  else await setUserActive(email, false); // the row stays: the account's own state must decide
}

/** Everything the actions could change for the account, to compare before and after. */
async function accountState(email: string) {
  const [user] = await query<{ id: string; email: string; emailVerified: Date | null; active: boolean; role: string }>(
    'SELECT "id", "email", "emailVerified", "active", "role" FROM "User" WHERE "email" = ?',
    [email],
  );
  const id = user!.id;
  return {
    user,
    passwordHash: await storedPasswordHash(email),
    sessions: (await storedSessions(email)).map((session) => session.id),
    cart: await storedCart(email),
    orders: await storedOrders(email),
    links: await query('SELECT "purpose", "email" FROM "EmailLink" WHERE "userId" = ? ORDER BY "tokenHash"', [id]),
    events: await storedAuthEvents(email),
    limits: await query('SELECT "key", "points" FROM "RateLimit" WHERE "key" LIKE ? ORDER BY "key"', [`%${id}`]),
  };
}

/** The fields of the form holding `button` on an open page (no navigation), with some values replaced. */
async function fieldsOf(page: Page, button: string, values: Record<string, string> = {}): Promise<Record<string, string>> {
  const fields = await page.getByRole("main").getByRole("button", { name: button, exact: true }).evaluate((element) =>
    [...(element as HTMLButtonElement).form!.querySelectorAll<HTMLInputElement>("input")]
      .filter((input) => input.name && input.type !== "checkbox")
      .map((input) => [input.name, input.value]),
  );
  return { ...Object.fromEntries(fields), ...values };
}

type Action = {
  name: string;
  path: string;
  button: string;
  values?: Record<string, string>;
  /** Where a visitor without a session is sent (a cart works for guests: theirs is a cookie). */
  answer: RegExp;
};

const loginFrom = (path: string) => new RegExp(`^/login\\?next=${encodeURIComponent(path)}&notice=session-expired$`);

/** Opens a tab with `action`'s form, while the session is still valid. */
async function openForm(page: Page, action: Action): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto(action.path);
  await expect(tab.getByRole("main").getByRole("button", { name: action.button, exact: true })).toBeVisible();
  return tab;
}

/** Posts the form by hand (no JavaScript), then submits it in its tab (with JavaScript). */
async function callBothWays(page: Page, tab: Page, action: Action): Promise<void> {
  const fields = await fieldsOf(tab, action.button, action.values);
  const posted = await page.request.post(action.path, { multipart: fields, maxRedirects: 0 });
  expect(posted.status(), action.name).toBe(303);
  expect(posted.headers().location, action.name).toMatch(action.answer);

  const button = tab.getByRole("main").getByRole("button", { name: action.button, exact: true });
  for (const [name, value] of Object.entries(action.values ?? {})) {
    await button.locator(`xpath=ancestor::form//*[@name="${name}"]`).evaluate((input: HTMLInputElement, text) => (input.value = text), value);
  }
  await button.click();
  await expect(tab, action.name).toHaveURL((url) => action.answer.test(url.pathname + url.search));
  await tab.close();
}

for (const ending of ["revoked", "deactivated"] as const) {
  test(`with a ${ending === "revoked" ? "revoked session" : "deactivated account"}, the account's server actions change nothing and send the visitor to log in`, async ({
    page,
    browser,
  }) => {
    const email = await loggedInCustomer(page);
    const sessionId = (await storedSessions(email))[0]!.id;
    const phone = await otherDevice(browser, email);
    const phoneSessionId = (await storedSessions(email)).find((session) => session.id !== sessionId)!.id;
    await addToCart(page, "Chocolate Chip");

    // "Send the link again" is only shown, and only sends, while the address is unconfirmed.
    const resend: Action = { name: "resend confirmation", path: "/account/security", button: "Send the link again", answer: loginFrom("/account/security") };
    const resendTab = await openForm(page, resend);
    await markAddressConfirmed(email);

    const security = "/account/security";
    const actions: Action[] = [
      { name: "add to cart", path: "/cookies", button: "Add Chocolate Chip to cart", answer: /^\/cookies\?notice=added(#|$)/ },
      { name: "update cart", path: "/cart", button: "Update Chocolate Chip", values: { quantity: "5" }, answer: /^\/cart\?notice=updated$/ },
      { name: "remove from cart", path: "/cart", button: "Remove Chocolate Chip", answer: /^\/cart\?notice=removed$/ },
      { name: "place order", path: "/checkout", button: "Place order", answer: loginFrom("/checkout") },
      {
        name: "change password",
        path: security,
        button: "Change password",
        values: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD },
        answer: loginFrom(security),
      },
      {
        name: "change email",
        path: security,
        button: "Change email address",
        values: { newEmail: uniqueEmail("moved"), password: PASSWORD },
        answer: loginFrom(security),
      },
      { name: "sign out all other devices", path: security, button: "Sign out all other devices", answer: loginFrom(security) },
      { name: "sign out one session", path: security, button: "Sign out", values: { sessionId: phoneSessionId }, answer: loginFrom(security) },
    ];
    const tabs = [];
    for (const action of actions) tabs.push(await openForm(page, action));

    await endSession(ending, email, sessionId);
    const before = await accountState(email);
    for (const [i, action] of actions.entries()) await callBothWays(page, tabs[i]!, action);
    expect(await accountState(email)).toEqual(before);

    // The resend, for an unconfirmed address (so that it would send a link if it ran).
    await run('UPDATE "User" SET "emailVerified" = NULL WHERE "email" = ?', [email]);
    const unconfirmed = await accountState(email);
    await callBothWays(page, resendTab, resend);
    expect(await accountState(email)).toEqual(unconfirmed);
    await phone.context().close();
  });

  test(`with a ${ending === "revoked" ? "revoked session" : "deactivated account"}, staff's catalog posts change nothing and are sent to log in`, async ({
    browser,
  }) => {
    const admin = await adminPage(browser);
    const { target, forms } = await adminForms(admin.page);
    const sessionId = (await storedSessions(admin.email))[0]!.id;
    await endSession(ending, admin.email, sessionId);

    const before = await storedCookie(target);
    const responses = await sendAdminForms(admin.page.request, forms);
    for (const response of responses) {
      expect(response.status()).toBe(303);
      expect(response.headers().location).toMatch(/^\/login\?next=%2Fadmin%2Fcookies/);
    }
    expect(await storedCookie(target)).toEqual(before);
    expect(await storedCookie("Free cookies")).toBeUndefined();
    await admin.page.context().close();
  });
}
