import type { Page } from "@playwright/test";
import { linkIn, mailsTo, waitForMail } from "./support/mail";
import { expect, test } from "./support/test";
import { PASSWORD, existingUser, fillLogin, loggedInCustomer, uniqueEmail } from "./support/users";

// Moving an account to another address: the current password first, then a link to the
// new address; the old address is told, and nothing changes until the link is used.

async function askToChangeEmail(page: Page, newEmail: string, password = PASSWORD) {
  await page.goto("/account/security");
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Change email address" }).click();
}

test("change the address: password, link to the new address, notice to the old one, then log in with the new one", async ({ page }) => {
  const email = await loggedInCustomer(page);
  const newEmail = uniqueEmail("moved");

  await askToChangeEmail(page, newEmail, "not my password at all");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The password is not right.");

  const asked = Date.now();
  await askToChangeEmail(page, newEmail);
  await expect(page.getByRole("main").getByRole("status")).toContainText(`We have sent a link to ${newEmail}.`);
  const notice = await waitForMail(email, /^Your Cookieshop email address is being changed$/, { after: asked });
  expect(notice.text).toContain(newEmail);
  const link = linkIn(await waitForMail(newEmail, /^Confirm your email address for Cookieshop$/, { after: asked }), "/verify-email");

  // Nothing has changed yet.
  await page.goto("/account");
  await expect(page.getByTestId("current-user")).toHaveText(email);

  await page.goto(link);
  await expect(page.getByRole("main")).toContainText(`Move your account to ${newEmail}?`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Your email address is changed. Log in with the new address from now on.",
  );
  await expect(page.getByTestId("current-user")).toHaveText(newEmail);
  await page.goto("/account/security");
  await expect(page.getByRole("main").getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(page.locator('[data-testid="auth-event"][data-type="email-changed"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await page.goto("/login");
  await fillLogin(page, email, PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Invalid email or password.");
  await fillLogin(page, newEmail, PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(newEmail);
});

test("an address another account has, or the account's own, is refused and nothing is sent", async ({ page }) => {
  const taken = await existingUser();
  const email = await loggedInCustomer(page);
  const before = mailsTo(taken).length;

  await askToChangeEmail(page, taken.toUpperCase());
  await expect(page.getByRole("main").getByRole("alert")).toContainText("An account with this email already exists.");
  await askToChangeEmail(page, email);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This is already your address.");
  await askToChangeEmail(page, "not an address");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Enter a valid email address");

  // Mail goes out after each answer, in order: once a mail asked for after the refusals has
  // arrived, anything the refusals had sent would have arrived too.
  const barrier = Date.now();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await waitForMail(email, /^Confirm your email address/, { after: barrier });
  expect(mailsTo(taken)).toHaveLength(before);
  expect(mailsTo(email).filter((mail) => /being changed/.test(mail.subject))).toEqual([]);
});
