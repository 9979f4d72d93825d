import { apiError, jsonEndpoint, tooManyRequests, userResponse } from "@/lib/flows/api";
import { EMAIL_TAKEN, signUp } from "@/lib/flows/doors";
import { registerSchema } from "@/lib/auth/schemas";

/** {email, password, passwordConfirmation} → 201 with the user and the session cookie set. */
export const POST = jsonEndpoint(registerSchema, async (input) => {
  const outcome = await signUp(input);
  if (outcome.ok) return userResponse(outcome.user, 201);
  if (outcome.reason === "throttled") return tooManyRequests(outcome.retryAfterMs);
  return apiError(409, EMAIL_TAKEN, { email: EMAIL_TAKEN });
});
