import { jsonEndpoint, secondStepRefused, userResponse } from "@/lib/flows/api";
import { SECOND_FACTOR_FAILED, completeLogin } from "@/lib/flows/doors";
import { secondFactorSchema } from "@/lib/auth/schemas";

/**
 * {challenge, code} → 200 with the user and the session cookie set, for the challenge that
 * /api/login answered and an app code or an unused recovery code. 401 for a wrong or used code,
 * and for a challenge that is unknown, expired or ended; 429 like /api/login.
 */
export const POST = jsonEndpoint(secondFactorSchema, async ({ challenge, code }) => {
  const outcome = await completeLogin(challenge, code);
  if (outcome.ok) return userResponse(outcome.user);
  return secondStepRefused(outcome, SECOND_FACTOR_FAILED, { code: SECOND_FACTOR_FAILED });
});
