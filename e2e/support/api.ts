import { type APIRequestContext, type APIResponse, type BrowserContext, type Page, expect } from "@playwright/test";
import { PASSWORD, fillLogin } from "./users";

type Extra = { headers?: Record<string, string> };

export function postJson(request: APIRequestContext, path: string, body: unknown, { headers = {} }: Extra = {}) {
  return request.post(path, { data: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
}

export function apiSignup(request: APIRequestContext, email: string, password = PASSWORD, extra: Extra = {}) {
  return postJson(request, "/api/signup", { email, password, passwordConfirmation: password }, extra);
}

export function apiLogin(request: APIRequestContext, email: string, password = PASSWORD, extra: Extra = {}) {
  return postJson(request, "/api/login", { email, password }, extra);
}

/** The parts of a response a client can observe, minus what differs on every response. */
export async function observable(response: APIResponse) {
  const headers = withoutPerResponseValues(response.headers());
  return { status: response.status(), headers, body: await response.text() };
}

/** Headers minus what differs on every response by design: the date and the CSP nonce. */
export function withoutPerResponseValues(headers: Record<string, string>): Record<string, string> {
  const { date: _date, ...rest } = headers;
  const policy = rest["content-security-policy"];
  if (policy) rest["content-security-policy"] = policy.replaceAll(/'nonce-[^']+'/g, "'nonce-*'");
  return rest;
}

/**
 * Posts the login form and returns what the browser received for it (a server action's
 * answer with JavaScript, a whole page without), captured on its way to the page, with where
 * the browser ended up and its cookies. Only the email shown back to its typist and the
 * per-response nonce are masked: two emails must otherwise get the same bytes.
 */
export async function capturedLoginAnswer(page: Page, context: BrowserContext, email: string, password: string, alert: string) {
  await page.goto("/login");
  await fillLogin(page, email, password);
  let answer: { status: number; headers: Record<string, string>; body: string } | undefined;
  await page.route("**/login", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "no nonce";
    const body = (await response.text()).replaceAll(email, "<email>").replaceAll(nonce, "*");
    answer = { status: response.status(), headers: withoutPerResponseValues(response.headers()), body };
    await route.fulfill({ response });
  });
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(alert);
  await page.unroute("**/login");
  // The passkey autofill's challenge cookie is set as the login page loads, random per load
  // and the same for any email typed: not part of the login's answer.
  const cookies = (await context.cookies()).filter((cookie) => cookie.name !== "passkey-challenge");
  return { ...answer, url: page.url(), cookies };
}
