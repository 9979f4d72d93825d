import { expect, test } from "./support/test";
import bcrypt from "bcryptjs";
import { BCRYPT_COST } from "../lib/config/env";
import { E2E_SERVER_ENV, TEST_BCRYPT_COST } from "../playwright.config";
import { setPasswordHash, storedPasswordHash } from "./support/db";
import { spawnServer, sparePort, stopServer, waitUntilAnswering } from "./support/servers";
import { PASSWORD, WRONG_PASSWORD, existingUser, fillLogin, logIn, uniqueEmail } from "./support/users";

test("an existing customer logs in and lands on the catalog", async ({ page }) => {
  const email = await existingUser();
  await page.goto("/login");
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/cookies$/);
  await expect(page.getByRole("banner")).toContainText(`Logged in as ${email}`);
});

test("a wrong password gets the generic message; the email is kept, the password is not", async ({ page }) => {
  const email = await existingUser();
  await page.goto("/login");
  // A marker that a full page load would wipe out: with JavaScript the error arrives in place.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  await fillLogin(page, email, WRONG_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  expect(await page.evaluate(() => "stillTheSamePage" in window)).toBe(true);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("an unknown email gets exactly the same message as a wrong password", async ({ page }) => {
  const email = await existingUser();
  const messages: string[] = [];
  for (const attempt of [email, uniqueEmail("nobody")]) {
    await page.goto("/login");
    await fillLogin(page, attempt, WRONG_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    messages.push(await page.getByRole("main").getByRole("alert").innerText());
  }
  expect(messages[0]).toBe("Invalid email or password.");
  expect(messages[1]).toBe(messages[0]);
});

test("empty fields are reported beside each field", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription("Enter your email address.");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription("Enter your password.");
});

test("a logged-in visitor who opens the login page goes straight on", async ({ page }) => {
  const email = await existingUser();
  await page.goto("/login");
  await fillLogin(page, email, PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);

  await page.goto("/login?next=%2Faccount");
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/register");
  await expect(page).toHaveURL(/\/cookies$/);
});

test("a password hashed at the real cost of 12 logs in, and its hash is left as it is", async ({ page }) => {
  const email = await existingUser();
  const realHash = bcrypt.hashSync(PASSWORD, BCRYPT_COST);
  await setPasswordHash(email, realHash);

  await logIn(page, email);
  expect(await storedPasswordHash(email)).toBe(realHash); // never lowered to the suite's cost
});

test("a hash made at a lower bcrypt cost is upgraded to the real cost at the next successful login", async ({ browser }) => {
  const email = await existingUser();
  const oldHash = bcrypt.hashSync(PASSWORD, TEST_BCRYPT_COST);
  await setPasswordHash(email, oldHash);
  // The suite's own server hashes at the test cost; this one, on the same database, at the real one.
  const port = sparePort(88);
  const server = spawnServer({ ...E2E_SERVER_ENV, BCRYPT_COST: String(BCRYPT_COST) }, port);
  try {
    await waitUntilAnswering(server, `http://localhost:${port}/cookies`);
    const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
    await logIn(await context.newPage(), email);
    await context.close();
  } finally {
    await stopServer(server);
  }
  const upgraded = (await storedPasswordHash(email)) ?? "";
  expect(upgraded).not.toBe(oldHash);
  expect(bcrypt.getRounds(upgraded)).toBe(BCRYPT_COST);
  expect(bcrypt.compareSync(PASSWORD, upgraded)).toBe(true);
});
