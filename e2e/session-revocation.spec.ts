import { expect, test } from "./support/test";
import { SESSION_COOKIE, checkSessionWith, expectLoggedIn, expectLoggedOut, otherDevice, sessionCookie } from "./support/sessions";
import { existingUser, fillLogin, loggedInCustomer } from "./support/users";

// A session cookie is only a pointer to a record on the server. These tests copy cookies
// between browsers the way a thief would, and check that ending the record ends the copy.

test("a copied session cookie opens nothing once its owner logs out", async ({ page, context, browser, request, baseURL }) => {
  const email = await loggedInCustomer(page);
  const copied = (await sessionCookie(context))?.value ?? "";
  const thief = await browser.newContext({ baseURL });
  await thief.addCookies([{ name: SESSION_COOKIE, value: copied, url: baseURL ?? "" }]);
  const thiefPage = await thief.newPage();

  // While the session lives, the copy works: this is what the test must take away.
  await expectLoggedIn(thiefPage, email);
  expect((await checkSessionWith(request, copied)).status()).toBe(200);

  await page.goto("/cookies");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/notice=logged-out/);

  for (const path of ["/checkout", "/account"]) await expectLoggedOut(thiefPage, path);
  const check = await checkSessionWith(request, copied);
  expect(check.status()).toBe(204);
  expect(await check.text()).toBe("");
  await thief.close();
});

test("logging in starts a new session; a cookie the browser already carried grants nothing", async ({ page, context, browser, request, baseURL }) => {
  const email = await existingUser();
  // Someone else's live session cookie, planted in this browser after the form loaded.
  const planter = await otherDevice(browser, email);
  const planted = (await sessionCookie(planter.context()))?.value ?? "";
  expect((await checkSessionWith(request, planted)).status()).toBe(200);

  await page.goto("/login");
  await context.addCookies([{ name: SESSION_COOKIE, value: planted, url: baseURL ?? "" }]);
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);

  const fresh = (await sessionCookie(context))?.value ?? "";
  expect(fresh).not.toBe(planted);
  expect((await checkSessionWith(request, fresh)).status()).toBe(200);
  expect((await checkSessionWith(request, planted)).status()).toBe(204);
  await expectLoggedOut(planter);
  await planter.context().close();
});

test("the JSON session check answers 200 with the user, and 204 with no or a forged cookie", async ({ page, context, request }) => {
  const email = await loggedInCustomer(page);
  const check = await checkSessionWith(request, (await sessionCookie(context))?.value ?? "");
  expect(check.status()).toBe(200);
  expect(await check.json()).toEqual({ user: { id: expect.any(String), email, role: "customer", emailVerified: false } });

  expect((await request.get("/api/check_session")).status()).toBe(204);
  expect((await checkSessionWith(request, "forged")).status()).toBe(204);
});
