import { type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Page, expect, test } from "@playwright/test";
import { PASSWORD, logInThroughApi } from "./users";

export const SESSION_COOKIE = "authjs.session-token";

/** The session cookie a context holds (over plain HTTP, so without the __Secure- prefix). */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** A second device: a fresh browser context, logged in as `email` (through the API: a login is not its subject). */
export async function otherDevice(
  browser: Browser,
  email: string,
  password = PASSWORD,
  options: { userAgent?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, ...options });
  const page = await context.newPage();
  await logInThroughApi(page, email, password);
  return page;
}

/** The Set-Cookie lines of a response, one per cookie. */
export function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value);
}

/** The session cookie's value among Set-Cookie lines; undefined if none sets one (clearing it does not count). */
export function sessionCookieFrom(lines: string[]): string | undefined {
  const line = lines.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`) && !cookie.startsWith(`${SESSION_COOKIE}=;`));
  return line?.split(";")[0]?.slice(SESSION_COOKIE.length + 1);
}

/** Asks the JSON session check who a raw cookie value belongs to: 200 or 204. */
export async function checkSessionWith(request: APIRequestContext, cookieValue: string) {
  return request.get("/api/check_session", { headers: { cookie: `${SESSION_COOKIE}=${cookieValue}` } });
}

/** `page` is logged in as `email`, judged by a protected page the server renders. */
export async function expectLoggedIn(page: Page, email: string) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: `Welcome, ${email}!` })).toBeVisible();
}

/** `page` is logged out, judged the same way. */
export async function expectLoggedOut(page: Page, path = "/account") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
}
