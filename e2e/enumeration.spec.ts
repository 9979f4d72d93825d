import { apiLogin, observable, withoutPerResponseValues } from "./support/api";
import { expect, test } from "./support/test";
import { WRONG_PASSWORD, existingUser, fillLogin, uniqueEmail } from "./support/users";

// Login must not tell anyone which emails have accounts: an unknown email and a wrong
// password get the same bytes back (status, headers, body, where the browser ends up and its
// cookies). These tests compare bytes only, never time. That both cost the same work, one
// bcrypt comparison at the same cost, is proven in lib/auth/credentials.test.ts; the time
// itself is measured by `npm run bench` (its enumeration scenario), as timed tests are not.

test("the JSON API answers an unknown email and a wrong password identically", async ({ browser, request }) => {
  const existing = await existingUser(browser);
  const unknown = uniqueEmail("nobody");

  const wrongPassword = await observable(await apiLogin(request, existing, WRONG_PASSWORD));
  const unknownEmail = await observable(await apiLogin(request, unknown, WRONG_PASSWORD));
  expect(wrongPassword.status).toBe(401);
  expect(unknownEmail).toEqual(wrongPassword);
});

for (const javaScript of [true, false]) {
  test(`the login form answers an unknown email and a wrong password identically (JavaScript ${javaScript ? "on" : "off"})`, async ({
    browser,
  }) => {
    const existing = await existingUser(browser);
    const unknown = uniqueEmail("nobody");
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();

    // What the browser receives for the form post (a server action's answer with JavaScript,
    // a whole page without), captured on its way to the page.
    async function submit(email: string) {
      await page.goto("/login");
      await fillLogin(page, email, WRONG_PASSWORD);
      let answer: { status: number; headers: Record<string, string>; body: string } | undefined;
      await page.route("**/login", async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        const response = await route.fetch();
        // The only differences allowed: the email the form shows back to the person who typed
        // it, and the nonce every page gets afresh.
        const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "no nonce";
        const body = (await response.text()).replaceAll(email, "<email>").replaceAll(nonce, "*");
        answer = { status: response.status(), headers: withoutPerResponseValues(response.headers()), body };
        await route.fulfill({ response });
      });
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");
      await page.unroute("**/login");
      return { ...answer, url: page.url(), cookies: await context.cookies() };
    }

    const wrongPassword = await submit(existing);
    const unknownEmail = await submit(unknown);
    expect(unknownEmail).toEqual(wrongPassword);
    await context.close();
  });
}
