import { apiError, jsonEndpoint, secondFactorRequired, tooManyRequests, userResponse } from "@/lib/flows/api";
import { LOGIN_CAPPED, LOGIN_FAILED, logIn } from "@/lib/flows/doors";
import { loginSchema } from "@/lib/auth/schemas";

/**
 * {email, password, remember?} → 200 with the user and the session cookie set; 401 otherwise,
 * 429 when throttled (with Retry-After) or capped (without: waiting does not help). With
 * two-factor on, a right password is a 401 that carries the challenge for /api/login/two-factor,
 * and no cookie.
 */
export const POST = jsonEndpoint(loginSchema, async (input) => {
  const outcome = await logIn(input);
  if (outcome.ok) return userResponse(outcome.user);
  if (outcome.reason === "second-factor") return secondFactorRequired(outcome.challenge);
  if (outcome.reason === "throttled") return tooManyRequests(outcome.retryAfterMs);
  if (outcome.reason === "capped") return apiError(429, LOGIN_CAPPED);
  return apiError(401, LOGIN_FAILED);
});
