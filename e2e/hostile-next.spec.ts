import { expect, test } from "./support/test";
import { existingUser, fillLogin, fillRegistration, logIn, uniqueEmail } from "./support/users";

// Open-redirect attempts through the `next` parameter: whatever is sent, the visitor
// ends up on this site's /cookies page, and never on an error page.
const HOSTILE_NEXT = [
  "//evil.example",
  "https://evil.example",
  "/\\evil.example",
  "/%2F/evil.example",
  "/%5Cevil.example",
  "%2F%2Fevil.example",
  "/%09/evil.example",
  "javascript:alert(document.domain)",
  "/%E0%A4%A", // malformed percent-encoding
];

for (const next of HOSTILE_NEXT) {
  test(`login with next=${JSON.stringify(next)} lands on /cookies`, async ({ page, baseURL }) => {
    const email = await existingUser();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await expect(page.locator('input[name="next"]')).toHaveValue("/cookies");
    await fillLogin(page, email);
    await page.getByRole("button", { name: "Log in" }).click();

    await expect(page).toHaveURL(`${baseURL}/cookies`);
    await expect(page.getByTestId("current-user")).toHaveText(email);
  });
}

test("register with a hostile next lands on /cookies", async ({ page, baseURL }) => {
  await page.goto(`/register?next=${encodeURIComponent("https://evil.example")}`);
  const email = uniqueEmail();
  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${baseURL}/cookies`);
});

test("a hostile next posted straight to the login action is ignored too", async ({ page, baseURL }) => {
  const email = await existingUser();
  await page.goto("/login?next=%2Fcheckout");
  // Tamper with the hidden field the way a crafted POST would.
  await page.locator('input[name="next"]').evaluate((input: HTMLInputElement) => {
    input.value = "//evil.example/steal";
  });
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${baseURL}/cookies`);
});

test("a logged-in visitor sent to /login with a hostile next stays on this site", async ({ page, baseURL }) => {
  await logIn(page, await existingUser());

  for (const next of HOSTILE_NEXT) {
    const response = await page.request.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(response.status(), next).toBe(307);
    expect(response.headers().location, next).toBe("/cookies");
  }
  await page.goto(`/login?next=${encodeURIComponent("//evil.example")}`);
  await expect(page).toHaveURL(`${baseURL}/cookies`);
});
