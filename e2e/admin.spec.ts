import { expect, test } from "./support/test";
import { adminForms, adminPage, ownCookie, sendAdminForms, storedCookie } from "./support/shop";
import { loggedInCustomer } from "./support/users";
import { usersCli } from "./support/users-cli";

test("an admin adds a cookie, sees clear field errors, edits it, retires it and puts it back", async ({ browser }) => {
  const { page } = await adminPage(browser);
  await page.goto("/cookies");
  await page.getByRole("link", { name: "Manage catalog" }).click();
  await page.getByRole("link", { name: "Add a cookie" }).click();

  await page.getByLabel("Name").fill(" ");
  await page.getByLabel("Price").fill("2,505");
  await page.getByRole("button", { name: "Add cookie" }).click();
  const summary = page.getByRole("main").getByRole("alert");
  await expect(summary).toContainText("Please correct the highlighted fields.");
  await expect(summary.getByRole("link", { name: /^Price: Enter a price in euros/ })).toHaveAttribute("href", "#price");
  // Each error is tied to its input, so a screen reader reads it with the field.
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveAccessibleDescription("Enter a name of at least 2 characters.");
  await expect(page.getByLabel("Description")).toHaveAccessibleDescription(/What it tastes like.*at least 10 characters/);

  const name = `Hazelnut Crescent ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Toasted hazelnuts folded into a buttery crescent.");
  await page.getByLabel("Price").fill("3,10");
  await page.getByLabel("Drawing").selectOption({ label: "Jam thumbprint" });
  await page.getByRole("button", { name: "Add cookie" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("The cookie has been added to the catalog.");
  expect(await storedCookie(name)).toMatchObject({ priceCents: 310, retiredAt: null });

  await page.goto("/cookies");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(card).toContainText("€3.10");
  await expect(card.locator("img")).toHaveAttribute("src", "/illustrations/jam-thumbprint.svg");

  await page.goto("/admin/cookies");
  await page.getByRole("link", { name: `Edit ${name}` }).click();
  await expect(page.getByLabel("Price")).toHaveValue("3.10");
  await page.getByLabel("Price").fill("3.25");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your changes have been saved.");
  expect((await storedCookie(name))?.priceCents).toBe(325);

  await page.getByRole("button", { name: `Retire ${name}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("The cookie has been retired. Past orders still show it.");
  await page.goto("/cookies");
  await expect(page.getByRole("heading", { name })).toHaveCount(0);

  await page.goto("/admin/cookies");
  await page.getByRole("button", { name: `Put back on sale ${name}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("The cookie is back on sale.");
  await page.goto("/cookies");
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.context().close();
});

test("retiring a cookie takes it out of customers' carts", async ({ page, browser }) => {
  const name = await ownCookie("Short-lived");
  await loggedInCustomer(page);
  await page.goto("/cookies");
  await page.getByRole("button", { name: `Add ${name} to cart` }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  const admin = await adminPage(browser);
  await admin.page.goto("/admin/cookies");
  await admin.page.getByRole("button", { name: `Retire ${name}` }).click();
  await expect(admin.page.getByRole("main").getByRole("status")).toContainText("retired");
  await admin.page.context().close();

  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
});

test("a customer sees no admin links and gets 403 from every admin page", async ({ page }) => {
  const email = await loggedInCustomer(page);
  await page.goto("/cookies");
  await expect(page.getByTestId("current-user")).toHaveText(email);
  await expect(page.getByRole("link", { name: "Manage catalog" })).toHaveCount(0);
  await page.goto("/account");
  await expect(page.getByRole("link", { name: "Manage the catalog" })).toHaveCount(0);

  const { id } = (await storedCookie("Chocolate Chip"))!;
  for (const path of ["/admin/cookies", "/admin/cookies/new", `/admin/cookies/${id}`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not for customers" })).toBeVisible();
    await expect(page.getByLabel("Price")).toHaveCount(0);
  }
});

test("a customer's hand-made admin posts get 403 and change nothing", async ({ browser, page }) => {
  const admin = await adminPage(browser);
  const { target, forms } = await adminForms(admin.page);

  await loggedInCustomer(page);
  const before = await storedCookie(target);
  const responses = await sendAdminForms(page.request, forms);
  expect(responses.map((response) => response.status())).toEqual(Array(8).fill(403));
  expect(await responses[0]!.text()).toContain("403 Forbidden: this is for the shop's staff");
  expect(await storedCookie(target)).toEqual(before);
  expect(await storedCookie("Free cookies")).toBeUndefined();

  // The very same posts from the admin work, so the 403s above are the role check and nothing else.
  const [retired] = await sendAdminForms(admin.page.request, { retire: forms.retire! });
  expect(retired!.status()).toBe(303);
  expect((await storedCookie(target))?.retiredAt).not.toBeNull();
  await admin.page.context().close();
});

test("a logged-out visitor's admin posts are sent to log in and change nothing", async ({ browser, request }) => {
  const admin = await adminPage(browser);
  const { target, forms } = await adminForms(admin.page);
  await admin.page.context().close();

  // The forms touch only their own cookie (edit, retire, restore) or add "Free cookies"; other
  // tests change their own cookies meanwhile, so the whole table is not compared.
  const before = await storedCookie(target);
  for (const response of await sendAdminForms(request, forms)) {
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/\/login\?next=%2Fadmin%2Fcookies/);
  }
  expect(await storedCookie(target)).toEqual(before);
  expect(await storedCookie("Free cookies")).toBeUndefined();
});

test("revoking the admin role closes the admin pages at the next request", async ({ browser }) => {
  const { page, email } = await adminPage(browser);
  expect((await page.goto("/admin/cookies"))?.status()).toBe(200);
  expect(usersCli(["revoke-admin", email]).status).toBe(0);
  expect((await page.goto("/admin/cookies"))?.status()).toBe(403);
  await page.context().close();
});

test("a forged form-error cookie shows the staff forms as fresh, never an error page", async ({ browser }) => {
  const { page } = await adminPage(browser);
  const { id } = (await storedCookie(await ownCookie("Forged flash")))!;
  const encode = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
  const forms = [
    { path: "/admin/cookies/new", heading: "Add a cookie" },
    { path: `/admin/cookies/${id}`, heading: /^Edit / },
  ];
  for (const { path, heading } of forms) {
    const forged = [
      encode({ message: {} }),
      encode({ form: path, message: {} }),
      encode({ form: path, message: "Hi", fieldErrors: { name: "not a list" }, values: {} }),
      encode({ form: path, message: "Hi", fieldErrors: {}, values: { name: { toString: 1 } } }),
      encode(`{"__proto__": {"message": "polluted"}, "form": "${path}", "constructor": {"prototype": {"x": 1}}}`),
      encode([{ form: path, message: "Hi" }]),
      encode("null"),
      encode("not json {"),
      "%%% not even base64 %%%",
      encode({ form: path, message: "x".repeat(2500) }),
    ];
    for (const value of forged) {
      await page.context().addCookies([{ name: "admin-form", value, url: new URL(path, test.info().project.use.baseURL).toString() }]);
      const response = await page.goto(path);
      expect(response?.status(), `${path} with ${value.slice(0, 40)}`).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
      await expect(page.getByText("polluted")).toHaveCount(0);
    }
  }
  await page.context().close();
});

test("the form-error cookie is Secure when the site is served over HTTPS", async ({ browser }) => {
  const { page } = await adminPage(browser);
  const mistake = { name: " ", description: "", price: "x", illustration: "sugar-cookie" };
  const flashCookie = async (headers: Record<string, string>) => {
    const response = await page.request.post("/admin/cookies/save", { form: mistake, headers, maxRedirects: 0 });
    expect(response.status()).toBe(303);
    return response.headersArray().find(({ name, value }) => name.toLowerCase() === "set-cookie" && value.startsWith("admin-form="))?.value;
  };
  expect(await flashCookie({ "x-forwarded-proto": "https" })).toMatch(/;\s*Secure/i);
  expect(await flashCookie({})).not.toMatch(/;\s*Secure/i);
  await page.context().close();
});
