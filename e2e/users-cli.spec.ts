import { expect, test } from "./support/test";
import { hasTwoFactorRow, storedRole, storedSessions, turnOnTwoFactor } from "./support/db";
import { waitForMail } from "./support/mail";
import { expectLoggedOut, otherDevice } from "./support/sessions";
import { usersCli } from "./support/users-cli";
import { PASSWORD, fillLogin, loggedInCustomer, uniqueEmail } from "./support/users";

test("an operator creates an account with the password on stdin, and it can log in", async ({ browser }) => {
  const email = uniqueEmail("operator-made");
  const created = usersCli(["create", email.toUpperCase()], `${PASSWORD}\n`);
  expect(created).toMatchObject({ status: 0, stdout: `Created ${email} (customer).` });
  expect(created.stdout + created.stderr).not.toContain(PASSWORD);

  const page = await otherDevice(browser, email);
  await page.context().close();
});

test("a password that breaks the policy creates nothing", () => {
  const email = uniqueEmail("weak");
  const result = usersCli(["create", email], "short\n");
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Use at least 12 characters.");
  expect(usersCli(["list"]).stdout).not.toContain(email);
});

test("deactivating ends live sessions at their next request and blocks login with the usual message", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);

  expect(usersCli(["deactivate", email])).toMatchObject({ status: 0, stdout: `Deactivated ${email}; ended 2 session(s).` });
  await expectLoggedOut(page);
  await expectLoggedOut(phone, "/checkout");

  await page.goto("/login");
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  expect(await storedSessions(email)).toHaveLength(0);

  expect(usersCli(["activate", email])).toMatchObject({ status: 0, stdout: `Activated ${email}.` });
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await phone.context().close();
});

test("sign-out ends every session of the account", async ({ page, browser }) => {
  const email = await loggedInCustomer(page);
  const phone = await otherDevice(browser, email);
  expect(usersCli(["sign-out", email])).toMatchObject({ status: 0, stdout: `Ended 2 session(s) of ${email}.` });
  await expectLoggedOut(page);
  await expectLoggedOut(phone);
  await phone.context().close();
});

test("grant-admin and revoke-admin change the role, and list shows it", async ({ page }) => {
  const email = await loggedInCustomer(page);
  expect(usersCli(["grant-admin", email])).toMatchObject({ status: 0, stdout: `${email} is now an admin.` });
  expect(await storedRole(email)).toBe("admin");
  expect(usersCli(["list"]).stdout).toMatch(new RegExp(`^${email.replace(/[.]/g, "\\.")}\\s+admin\\s+yes\\s+1\\s`, "m"));

  expect(usersCli(["revoke-admin", email])).toMatchObject({ status: 0, stdout: `${email} is now a customer.` });
  expect(await storedRole(email)).toBe("customer");
});

test("reset-two-factor turns two-factor off, ends every session and tells the owner by mail", async ({ page }) => {
  // Logged in first: with two-factor on, a password alone opens no session.
  const email = await loggedInCustomer(page);
  const secretBox = "v1.not-a-real-box.e2e-secret-box";
  await turnOnTwoFactor(email, secretBox);
  const before = Date.now();

  const reset = usersCli(["reset-two-factor", email]);
  expect(reset).toMatchObject({
    status: 0,
    stdout: `Turned off two-factor login for ${email} and ended 1 session(s); the owner was told by mail.`,
  });
  expect(reset.stdout + reset.stderr).not.toContain(secretBox);
  expect(await hasTwoFactorRow(email)).toBe(false);
  await expectLoggedOut(page);
  await waitForMail(email, /^Two-factor login is off for your Cookieshop account$/, { after: before });

  expect(usersCli(["reset-two-factor", email])).toMatchObject({ status: 0, stdout: `${email} has no two-factor login; nothing changed.` });
});

test("unknown accounts and wrong usage get clear errors and a failing exit code", () => {
  const nobody = uniqueEmail("nobody");
  for (const command of ["deactivate", "activate", "grant-admin", "revoke-admin", "sign-out", "reset-two-factor"]) {
    expect(usersCli([command, nobody]), command).toMatchObject({ status: 1, stderr: `No account with the email ${nobody}.` });
  }
  const argvPassword = usersCli(["create", uniqueEmail(), "hunter2-but-longer"]);
  expect(argvPassword.status).toBe(2);
  expect(argvPassword.stderr).toContain("never from the command line");
  expect(argvPassword.stderr).not.toContain("hunter2");
  expect(usersCli(["frobnicate"])).toMatchObject({ status: 2 });
  expect(usersCli(["frobnicate"]).stderr).toContain("Usage: npm run users -- <command> [email]");
});
