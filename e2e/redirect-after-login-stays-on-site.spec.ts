import type { Page } from "@playwright/test";
import { shiftSessions } from "./support/db";
import { expect, test } from "./support/test";
import { existingUser, fillLogin, fillRegistration, logIn, uniqueEmail } from "./support/users";

// With JavaScript on, a server action's redirect (and a redirect met during a client-side
// navigation) is followed by the Next.js router, which resolves the target itself: a `next`
// whose dot segments collapse into "//evil.example" would send the browser to that host.
// Every form and link that carries `next` is tried with such values; the test records every
// navigation request of the main frame, because a navigation to a host that does not
// resolve (evil.example does not) fails, and has still left the site.
test.use({ javaScriptEnabled: true });

/** Values that resolve (`new URL`) to a path beginning with "//", spelled several ways. */
const DOT_SEGMENT_NEXT = [
  "/a/..//evil.example",
  "/x/%2e%2e//evil.example",
  "/.//evil.example",
  "/a/b/.%2E/%2e./\\evil.example",
  "/x;y/%2E%2E/%2e//evil.example/cookies?q=//x#//y",
];
/** Values that are (or decode to) another origin without any dot segment. */
const OTHER_HOSTILE_NEXT = ["//evil.example", "/%2F/evil.example", "/\t/evil.example"];
const HOSTILE_NEXT = [...DOT_SEGMENT_NEXT, ...OTHER_HOSTILE_NEXT];

/**
 * Every address the main frame asks for from now on (its navigation requests), and every page
 * it commits: one run on unpatched code ended on Chromium's "This site can't be reached" page
 * (chrome-error://) without a request event, so a committed page off the site counts too.
 */
function recordNavigations(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) urls.push(request.url());
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && frame.url() !== "about:blank") urls.push(frame.url());
  });
  return urls;
}

/**
 * Waits until the page has landed on `destination` or has tried to leave the site, then
 * insists it never tried to leave and landed where expected.
 */
async function expectToStayOnSite(page: Page, navigations: string[], destination: string, label: string) {
  const siteHost = new URL(destination).host;
  // The page's own address too: an error page for a host that does not resolve is off the site.
  const offSite = () => [...navigations, page.url()].filter((url) => new URL(url).host !== siteHost);
  await expect
    .poll(() => offSite().length > 0 || page.url() === destination, {
      message: `landed on ${destination} or left the site, with next=${JSON.stringify(label)}`,
    })
    .toBe(true);
  expect(offSite(), `navigations that left the site with next=${JSON.stringify(label)}`).toEqual([]);
  await expect(page).toHaveURL(destination);
}

async function submitLogin(page: Page, email: string) {
  await fillLogin(page, email);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function submitRegistration(page: Page) {
  await fillRegistration(page, uniqueEmail());
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Sets the form's hidden `next` field the way a hand-made post would. */
async function tamperWithNext(page: Page, next: string) {
  await page.locator('input[name="next"]').evaluate((input: HTMLInputElement, value) => {
    input.value = value;
  }, next);
}

for (const next of DOT_SEGMENT_NEXT) {
  test(`login with next=${JSON.stringify(next)}, in the address or posted, stays on this site`, async ({ page, context, baseURL }) => {
    const email = await existingUser();
    const navigations = recordNavigations(page);
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await submitLogin(page, email);
    await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, next);

    await context.clearCookies();
    await page.goto("/login");
    await tamperWithNext(page, next);
    await submitLogin(page, email);
    await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, next);
  });
}

test("registration with a hostile next, in the address or posted, stays on this site", async ({ page, context, baseURL }) => {
  const navigations = recordNavigations(page);
  for (const next of DOT_SEGMENT_NEXT.slice(0, 3)) {
    await context.clearCookies();
    await page.goto(`/register?next=${encodeURIComponent(next)}`);
    await submitRegistration(page);
    await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, next);
  }
  await context.clearCookies();
  await page.goto("/register");
  const tampered = "/x/%2e%2e//evil.example";
  await tamperWithNext(page, tampered);
  await submitRegistration(page);
  await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, tampered);
});

test("a logged-in visitor opening /login or /register with a hostile next stays on this site", async ({ page, baseURL }) => {
  await logIn(page, await existingUser());
  const navigations = recordNavigations(page);
  for (const form of ["/login", "/register"]) {
    for (const next of HOSTILE_NEXT) {
      await page.goto(`${form}?next=${encodeURIComponent(next)}`);
      await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, next);
    }
  }
});

const LINKS = [
  { form: "/login", link: "Create an account" },
  { form: "/register", link: "Log in" },
];
for (const { form, link } of LINKS) {
  test(`“${link}” on ${form} carries no hostile next, even once logged in elsewhere`, async ({ page, context, baseURL }) => {
    // The visitor logs in in another tab; following the link then meets the "already logged
    // in" redirect during a client-side navigation, which the router resolves itself.
    const email = await existingUser();
    const navigations = recordNavigations(page);
    for (const next of DOT_SEGMENT_NEXT.slice(0, 3)) {
      await context.clearCookies();
      await page.goto(`${form}?next=${encodeURIComponent(next)}`);
      const otherTab = await context.newPage();
      await logIn(otherTab, email);
      await otherTab.close();
      await page.locator("form").getByRole("link", { name: link, exact: true }).click();
      await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, next);
    }
  });
}

test("logging in again after the session ended, with a hostile next, stays on this site", async ({ page, context, baseURL }) => {
  const email = await existingUser();
  const navigations = recordNavigations(page);
  for (const next of DOT_SEGMENT_NEXT.slice(0, 2)) {
    await context.clearCookies();
    await logIn(page, email);
    await shiftSessions(email, { expiresInMs: -1000 });
    await page.goto(`/login?next=${encodeURIComponent(next)}&notice=session-expired`);
    await expect(page.getByRole("status")).toHaveText("Your session has expired. Please log in again.");
    await submitLogin(page, email);
    await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, next);
  }
});

test("a protected address that decodes to a dot-segment escape is not carried through login", async ({ page, context, baseURL }) => {
  // Decoded (once or more), the address climbs out to "//evil.example": the page (session
  // ended) and middleware (no session) must not hand it to the login page as `next`.
  const email = await existingUser();
  const address = "/account/orders/..%2F..%2F%2Fevil.example";
  const navigations = recordNavigations(page);

  await logIn(page, email);
  await shiftSessions(email, { expiresInMs: -1000 });
  await page.goto(address);
  await expect(page).toHaveURL(`${baseURL}/login?next=%2Fcookies&notice=session-expired`);
  await submitLogin(page, email);
  await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, address);

  await context.clearCookies();
  await page.goto(address);
  await expect(page).toHaveURL(`${baseURL}/login?next=%2Fcookies`);
  await submitLogin(page, email);
  await expectToStayOnSite(page, navigations, `${baseURL}/cookies`, address);
});
