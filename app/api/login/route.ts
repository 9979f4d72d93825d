import { apiError, jsonEndpoint, tooManyRequests, userResponse } from "@/lib/api";
import { LOGIN_FAILED, logIn } from "@/lib/auth/flows";
import { loginSchema } from "@/lib/schemas";

/** {email, password, remember?} → 200 with the user and the session cookie set; 401 otherwise. */
export const POST = jsonEndpoint(loginSchema, async (input) => {
  const outcome = await logIn(input);
  if (outcome.ok) return userResponse(outcome.user);
  if (outcome.reason === "throttled") return tooManyRequests(outcome.retryAfterMs);
  return apiError(401, LOGIN_FAILED);
});
