import { apiLogin, capturedLoginAnswer, observable } from "./support/api";
import { expect, test } from "./support/test";
import { WRONG_PASSWORD, existingUser, uniqueEmail } from "./support/users";

const LOGIN_FAILED = "Invalid email or password.";

// Login must not tell anyone which emails have accounts: an unknown email and a wrong
// password get the same bytes back (status, headers, body, where the browser ends up and its
// cookies). These tests compare bytes only, never time. That both cost the same work, one
// bcrypt comparison at the same cost, is proven in lib/auth/password/credentials.test.ts; the time
// itself is measured by `npm run bench` (its enumeration scenario), as timed tests are not.

test("the JSON API answers an unknown email and a wrong password identically", async ({ request }) => {
  const existing = await existingUser();
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
    const existing = await existingUser();
    const unknown = uniqueEmail("nobody");
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();

    const wrongPassword = await capturedLoginAnswer(page, context, existing, WRONG_PASSWORD, LOGIN_FAILED);
    const unknownEmail = await capturedLoginAnswer(page, context, unknown, WRONG_PASSWORD, LOGIN_FAILED);
    expect(unknownEmail).toEqual(wrongPassword);
    await context.close();
  });
}
