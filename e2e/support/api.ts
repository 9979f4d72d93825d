import type { APIRequestContext, APIResponse } from "@playwright/test";
import { PASSWORD } from "./users";

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
