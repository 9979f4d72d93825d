import "server-only";
import type { z } from "zod";
import { currentClient } from "../auth/audit/request-client";
import { throttles } from "../auth/throttle/store";
import { tooManyAttemptsMessage } from "../auth/throttle/policies";
import type { PublicUser } from "../auth/account/public-user";
import { CHALLENGE_LIFETIME_MS } from "../auth/two-factor/challenge";
import { PasswordWorkBusy } from "../auth/password/hashing";
import { PASSWORD_WORK_BUSY } from "./password-busy";
import { type FieldErrors, NO_STORE, apiError, apiErrorWith, fieldErrors, readJsonObject } from "../http/json-body";
import { CHALLENGE_EXPIRED, LOGIN_CAPPED, type SecondFactorOutcome } from "./doors";

export { apiError };

/**
 * The JSON API's common ground (app/api): the per-address limit, the answers, and the
 * endpoint shape. Nothing a client sends can produce a 5xx or a stack trace. Cross-site
 * requests never get here: middleware answers them with 403.
 */

export function userResponse(user: PublicUser, status = 200): Response {
  return Response.json({ user: { id: user.id, email: user.email, role: user.role, emailVerified: user.emailVerified } }, { status, headers: NO_STORE });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

export const SECOND_FACTOR_REQUIRED = "A second factor is required.";

/**
 * A right password on an account with two-factor on: no session yet, only the challenge to
 * finish the login with at /api/login/two-factor (the API's stand-in for the form's cookie).
 */
export function secondFactorRequired(challenge: string): Response {
  return apiErrorWith(401, SECOND_FACTOR_REQUIRED, { secondFactor: { challenge, expiresInSeconds: CHALLENGE_LIFETIME_MS / 1000 } });
}

/** A waiting login that ended (five minutes, too many wrong factors, or used): the client starts again. */
export function loginExpired(): Response {
  return apiErrorWith(401, CHALLENGE_EXPIRED, { expired: true });
}

/**
 * A refused second step of a login, answered alike for every factor (/api/login/two-factor's
 * code, the browser's passkey): only the wrong factor's words are the caller's.
 */
export function secondStepRefused(outcome: Exclude<SecondFactorOutcome, { ok: true }>, wrongFactor: string, fields: FieldErrors = {}): Response {
  if (outcome.reason === "throttled") return tooManyRequests(outcome.retryAfterMs);
  if (outcome.reason === "capped") return apiError(429, LOGIN_CAPPED);
  if (outcome.reason === "expired") return loginExpired();
  return apiError(401, wrongFactor, fields);
}

/** Whole seconds, rounded up, never zero: what a Retry-After header says. */
function retryAfterSeconds(retryAfterMs: number): string {
  return String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

export function tooManyRequests(retryAfterMs: number): Response {
  return apiError(429, tooManyAttemptsMessage(retryAfterMs), {}, { "Retry-After": retryAfterSeconds(retryAfterMs) });
}

/**
 * Every API route is built with this (or jsonEndpoint, on top of it), so none can forget the
 * per-address limit: the request is counted first, and a 429 answers once the budget is spent.
 * Password work refused by busy threads answers 503 with Retry-After.
 */
export function apiEndpoint(handle: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const allowed = await throttles.allowApiRequest((await currentClient()).ip);
    if (!allowed.allowed) return tooManyRequests(allowed.retryAfterMs);
    return handle(request).catch((error: unknown) => {
      if (!(error instanceof PasswordWorkBusy)) throw error;
      return apiError(503, PASSWORD_WORK_BUSY, {}, { "Retry-After": retryAfterSeconds(error.retryAfterMs) });
    });
  };
}

/** An endpoint taking a JSON object that `schema` validates; `handle` gets the parsed input. */
export function jsonEndpoint<Schema extends z.ZodType>(
  schema: Schema,
  handle: (input: z.output<Schema>) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return apiEndpoint(async (request) => {
    const read = await readJsonObject(request);
    if (!read.ok) return read.response;
    const parsed = schema.safeParse(read.body);
    if (!parsed.success) return apiError(400, "Please correct the highlighted fields.", fieldErrors(parsed.error));
    return handle(parsed.data);
  });
}
