import type { Page } from "@playwright/test";
import { run } from "./support/db";
import { formFields } from "./support/forms";
import { linkIn, mailsTo, waitForMail } from "./support/mail";
import { expect, randomAddress, test } from "./support/test";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, register, uniqueEmail } from "./support/users";

// "Forgot password", end to end: the app delivers the link over SMTP to the suite's own
// mail server (e2e/support/smtp-sink.ts), and the browser follows it.

const NEW_PASSWORD = "a brand new cookie jar";
const SAME_ANSWER = "If an account exists for that address, we have sent it a link to choose a new password. The link works for one hour.";
const RESET_SUBJECT = /^Reset your Cookieshop password$/;
const INVALID_LINK = "This link has expired or has already been used.";

async function askForResetLink(page: Page, email: string): Promise<string> {
  const sent = Date.now();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(SAME_ANSWER);
  return linkIn(await waitForMail(email, RESET_SUBJECT, { after: sent }), "/reset-password");
}

async function chooseNewPassword(page: Page, password = NEW_PASSWORD) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat new password").fill(password);
  await page.getByRole("button", { name: "Save new password" }).click();
}

async function expectInvalidLink(page: Page) {
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_LINK);
  await expect(page.getByRole("main").getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
}

async function expectLoginFails(page: Page, email: string, password: string) {
  await page.goto("/login");
  await fillLogin(page, email, password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");
}

test("forgot password → the mail arrives over SMTP → a new password; every old session ends and the old password is dead", async ({
  page,
  browser,
}) => {
  const oldDevice = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const oldPage = await oldDevice.newPage();
  const email = await register(oldPage);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  const sent = Date.now();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(SAME_ANSWER);

  const mail = await waitForMail(email, RESET_SUBJECT, { after: sent });
  expect(mail.from).toContain("shop@cookieshop.test");
  expect(mail.text).toMatch(new RegExp(`${test.info().project.use.baseURL}/reset-password\\?token=[A-Za-z0-9_-]{43}\\n`));
  expect(mail.html).toContain('href="http://localhost:');
  expect(mail.text + mail.html).not.toContain("evil.example");

  const response = await page.goto(linkIn(mail, "/reset-password"));
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByRole("main")).toContainText(`For ${email}.`);
  await chooseNewPassword(page);

  // Logged in fresh, on the Security page, where this is the only session.
  await expect(page).toHaveURL(/\/account\/security\?notice=password-reset$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Your new password is saved. Every other device has been signed out.",
  );
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await expect(page.getByTestId("session")).toHaveCount(1);
  await expect(page.locator('[data-testid="auth-event"][data-type="password-reset"]')).toContainText("1 session ended");

  // The other device's cookie opens nothing any more.
  await oldPage.goto("/account");
  await expect(oldPage).toHaveURL(/\/login\?next=%2Faccount&notice=session-expired$/);
  await oldDevice.close();

  await waitForMail(email, /^Your Cookieshop password was changed$/, { after: sent });

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await expectLoginFails(page, email, PASSWORD);
  await page.goto("/login");
  await fillLogin(page, email, NEW_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
});

test("a link works once, only the newest works, and an expired one is refused, each with a way to ask again", async ({ page }) => {
  const email = await existingUser();

  const older = await askForResetLink(page, email);
  const newer = await askForResetLink(page, email);
  expect(newer).not.toBe(older);
  await page.goto(older);
  await expectInvalidLink(page);

  // The form, kept aside, is posted again by hand after its link was used.
  const fields = await formFields(page, newer, "Save new password");
  await chooseNewPassword(page);
  await expect(page).toHaveURL(/\/account\/security/);

  await page.goto(newer);
  await expectInvalidLink(page);
  const replay = await page.request.post(newer, {
    multipart: Object.fromEntries(fields.map(([name, value]) => [name, /password/i.test(name) ? "yet another long password" : value])),
  });
  expect(replay.status()).toBe(200);
  expect(await replay.text()).toContain(INVALID_LINK);

  // Expired: an hour has passed (the row says so).
  const expiring = await askForResetLink(page, email);
  await run('UPDATE "EmailLink" SET "expires" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)', [
    new Date(Date.now() - 1000),
    email,
  ]);
  await page.goto(expiring);
  await expectInvalidLink(page);

  // Through all of this the password stayed the one chosen with the newer link.
  await page.context().clearCookies();
  await expectLoginFails(page, email, "yet another long password");
});

test("the link is built from the configured site URL, whatever host the request names", async ({ page }) => {
  const email = await existingUser();
  const fields = await formFields(page, "/forgot-password", "Send me a link");
  const sent = Date.now();
  // Consistent with itself, so it passes the cross-site check: what a poisoned proxy would send.
  const response = await page.request.post("/forgot-password", {
    multipart: Object.fromEntries(fields.map(([name, value]) => [name, name === "email" ? email : value])),
    headers: { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http" },
  });
  expect(response.status()).toBe(200);
  const mail = await waitForMail(email, RESET_SUBJECT, { after: sent });
  expect(linkIn(mail, "/reset-password")).toMatch(/^\/reset-password\?token=/);
  expect(mail.text + mail.html).not.toContain("evil.example");
});

test("forged and malformed links get the same clear message, never an error", async ({ page }) => {
  const forged = [
    "/reset-password",
    "/reset-password?token=",
    "/reset-password?token=abc",
    `/reset-password?token=${"A".repeat(43)}`,
    `/reset-password?token=${"A".repeat(43)}&token=${"B".repeat(43)}`,
    `/reset-password?token=${encodeURIComponent("<script>alert(1)</script>")}`,
    `/reset-password?token=${"é".repeat(500)}`,
  ];
  for (const path of forged) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectInvalidLink(page);
  }
});

test("a made-up token in the form's hidden field changes nothing", async ({ page }) => {
  const email = await existingUser();
  await page.goto(await askForResetLink(page, email));
  await page.locator('input[name="token"]').evaluate((input: HTMLInputElement) => (input.value = "A".repeat(43)));
  await chooseNewPassword(page);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(INVALID_LINK);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await expectLoginFails(page, email, NEW_PASSWORD);
});

test("the answer is the same for an address with an account and one without, and only the account gets mail", async ({ page }) => {
  const email = await register(page);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  const nobody = uniqueEmail("nobody");

  // What the server sends back, for a form post without JavaScript, with the per-response
  // nonce taken out: byte for byte the same.
  const fields = await formFields(page, "/forgot-password", "Send me a link");
  const answer = async (address: string) => {
    const response = await page.request.post("/forgot-password", {
      multipart: Object.fromEntries(fields.map(([name, value]) => [name, name === "email" ? address : value])),
      headers: { "X-Forwarded-For": randomAddress() },
    });
    expect(response.status()).toBe(200);
    const nonce = response.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
    if (!nonce) throw new Error("no CSP nonce");
    return (await response.text()).replaceAll(nonce, "NONCE");
  };
  const forNobody = await answer(nobody);
  const forAccount = await answer(email);
  expect(forAccount).toContain(SAME_ANSWER);
  expect(forAccount).toBe(forNobody);

  await waitForMail(email, RESET_SUBJECT);
  expect(mailsTo(nobody)).toEqual([]);
});

test("asking for links is throttled per address typed", async ({ page }) => {
  const email = uniqueEmail("reset-flood");
  await page.goto("/forgot-password");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(SAME_ANSWER);
    await page.goto("/forgot-password");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many attempts, try again in \d+ minutes?\.$/);
});

test("forgot and reset work with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  const email = await existingUser();
  await page.goto(await askForResetLink(page, email));
  await chooseNewPassword(page, "short");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Use at least 12 characters");
  await chooseNewPassword(page);
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await expect(page).toHaveURL(/\/account\/security\?notice=password-reset$/);
  await context.close();
});

test("the wrong password still fails after a reset was only asked for", async ({ page }) => {
  // Asking for a link changes nothing by itself: the old password keeps working.
  const email = await existingUser();
  await askForResetLink(page, email);
  await expectLoginFails(page, email, WRONG_PASSWORD);
  await page.goto("/login");
  await fillLogin(page, email, PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
});
