import "server-only";
import { z } from "zod";
import { currentClient } from "../auth/audit/request-client";
import { recordAuthEvent } from "../auth/audit/trail";
import { getCurrentUser } from "../auth/guard/dal";
import { sanitizeNextPath } from "../auth/guard/next-path";
import { type PasskeyPurpose, startPasskeyChallenge, takePasskeyChallenge } from "../auth/passkeys/challenge";
import { notifyPasskeyChange } from "../auth/passkeys/notices";
import { type RelyingParty, relyingParty } from "../auth/passkeys/relying-party";
import { PASSKEY_NAME_MAX_LENGTH, credentialsOf, savePasskey } from "../auth/passkeys/store";
import { authenticationOptions, checkRegistration, registrationOptions } from "../auth/passkeys/webauthn";
import { confirmCurrentPassword } from "../auth/password/current-password";
import { throttles } from "../auth/throttle/store";
import { findChallenge } from "../auth/two-factor/challenge";
import { hasTwoFactor, useAuthenticatorCode } from "../auth/two-factor/store";
import { NO_STORE, apiError, apiErrorWith, readJsonObject } from "../http/json-body";
import { apiEndpoint, loginExpired, secondStepRefused, tooManyRequests } from "./api";
import { loginChallengeCookie, passkeyChallengeCookie } from "./challenge-cookies";
import { hasControlCharacter } from "../text/control-characters";
import { WRONG_APP_CODE, completeLoginWithPasskey, logInWithPasskey } from "./doors";
import { PASSKEY_CEREMONY_EXPIRED, PASSKEY_REFUSED, PASSKEY_SECOND_FACTOR_REFUSED } from "./passkey-messages";

/**
 * The passkey endpoints' common ground and the work behind each (app/login/passkey,
 * app/login/two-factor/passkey, app/account/security/passkeys). They are route handlers the
 * browser's script calls with JSON, so they get no server-action Origin check from Next.js:
 * each request must carry this site's Origin (as every browser's fetch does), besides the
 * cross-site refusal in middleware. They are for browsers only: the JSON API has no passkeys.
 */

const PASSKEYS_UNAVAILABLE = "Passkeys are not available: the site's address (AUTH_URL) is not configured.";
const BROWSER_ONLY = "Passkeys work only from this site's pages, in a browser.";

type Handler = (rp: RelyingParty, body: Record<string, unknown>) => Promise<Response>;

/**
 * Builds a passkey endpoint on the JSON API's shape (./api.ts: the per-address budget, since
 * every options request writes a row, and busy password threads as 503), with the relying
 * party, the Origin check and a JSON object body.
 */
export function passkeyEndpoint(handle: Handler): (request: Request) => Promise<Response> {
  return apiEndpoint(async (request) => {
    const rp = relyingParty();
    if (!rp) return apiError(503, PASSKEYS_UNAVAILABLE);
    if (request.headers.get("origin") !== rp.origin) return apiError(403, BROWSER_ONLY);
    const read = await readJsonObject(request);
    if (!read.ok) return read.response;
    return handle(rp, read.body);
  });
}

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** Stores the options' challenge and binds it to this browser with its cookie; answers with the options. */
async function offer(purpose: PasskeyPurpose, options: { challenge: string }, userId: string | null): Promise<Response> {
  await passkeyChallengeCookie.hold(await startPasskeyChallenge(purpose, options.challenge, userId));
  return json({ options });
}

// Logging in with a passkey alone.

export const startPasskeyLogin = passkeyEndpoint(async (rp) => offer("login", await authenticationOptions(rp), null));

const passkeyLoginBody = z.object({ response: z.unknown(), next: z.unknown().optional(), remember: z.boolean().default(false) });

export const finishPasskeyLogin = passkeyEndpoint(async (rp, body) => {
  const parsed = passkeyLoginBody.safeParse(body);
  if (!parsed.success) return apiError(400, "Send {response, next?, remember?}.");
  const outcome = await logInWithPasskey(rp, await passkeyChallengeCookie.take(), parsed.data.response, parsed.data.remember);
  if (!outcome.ok) return outcome.reason === "expired" ? apiErrorWith(401, PASSKEY_CEREMONY_EXPIRED, { expired: true }) : apiError(401, PASSKEY_REFUSED);
  return json({ next: sanitizeNextPath(parsed.data.next) });
});

// The second step of a password login, answered with a passkey.

export const startPasskeySecondFactor = passkeyEndpoint(async (rp) => {
  const challenge = await findChallenge(await loginChallengeCookie.read());
  if (!challenge) {
    await loginChallengeCookie.clear();
    return loginExpired();
  }
  const credentials = await credentialsOf(challenge.user.id);
  if (credentials.length === 0) return apiError(409, "This account has no passkey.");
  return offer("second-factor", await authenticationOptions(rp, credentials), challenge.user.id);
});

/** Answered as the code step is (./api.ts secondStepRefused), and its cookie cleared as the form's is. */
export const finishPasskeySecondFactor = passkeyEndpoint(async (rp, body) => {
  const outcome = await completeLoginWithPasskey(rp, await loginChallengeCookie.read(), await passkeyChallengeCookie.take(), body.response);
  if (outcome.ok || outcome.reason === "expired") await loginChallengeCookie.clear();
  if (outcome.ok) return json({ next: outcome.next });
  return secondStepRefused(outcome, PASSKEY_SECOND_FACTOR_REFUSED);
});

// Adding a passkey on the Security page: the password (or, with two-factor on, a current app code) first.

const NOT_LOGGED_IN = "Your session has ended. Please log in again.";
const WRONG_PROOF = "That did not work. Enter your current password, or a current code from your authenticator app.";
const NAME_PROBLEM = `Give the passkey a name of 1 to ${PASSKEY_NAME_MAX_LENGTH} characters.`;

/** A passkey's name as the owner typed it: trimmed, one line, not too long; null if unusable. */
export function readPasskeyName(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const name = value.trim().normalize("NFC");
  return name.length >= 1 && [...name].length <= PASSKEY_NAME_MAX_LENGTH && !hasControlCharacter(name) ? name : null;
}

const registrationStart = z.object({ password: z.string().max(1024).optional(), code: z.string().max(64).optional() });

export const startPasskeyRegistration = passkeyEndpoint(async (rp, body) => {
  const user = await getCurrentUser();
  if (!user) return apiError(401, NOT_LOGGED_IN);
  const parsed = registrationStart.safeParse(body);
  if (!parsed.success) return apiError(400, WRONG_PROOF);
  const { password, code } = parsed.data;
  if (password) {
    const check = await confirmCurrentPassword(user, password, "passkey");
    if (!check.ok) return check.reason === "throttled" ? tooManyRequests(check.retryAfterMs) : apiError(403, WRONG_PROOF, { password: WRONG_PROOF });
  } else if (code && (await hasTwoFactor(user.id))) {
    // A code counts toward the same budget as the password re-checks: a stolen session
    // cookie gets no more guesses at codes than at the password.
    const allowed = await throttles.allowCurrentPasswordCheck(user.id);
    if (!allowed.allowed) return tooManyRequests(allowed.retryAfterMs);
    if (!(await useAuthenticatorCode(user.id, code))) {
      await recordAuthEvent("two-factor-failed", user.id, await currentClient(), "when adding a passkey");
      return apiError(403, WRONG_APP_CODE, { code: WRONG_APP_CODE });
    }
  } else {
    return apiError(400, WRONG_PROOF, { password: WRONG_PROOF });
  }
  return offer("register", await registrationOptions(rp, user, await credentialsOf(user.id)), user.id);
});

export const finishPasskeyRegistration = passkeyEndpoint(async (rp, body) => {
  const user = await getCurrentUser();
  if (!user) return apiError(401, NOT_LOGGED_IN);
  const name = readPasskeyName(body.name);
  if (!name) return apiError(400, NAME_PROBLEM, { name: NAME_PROBLEM });
  const taken = await takePasskeyChallenge(await passkeyChallengeCookie.take(), "register");
  // The options were made for this account, after its password: not for whoever is logged in now.
  if (!taken || taken.userId !== user.id) return apiError(401, "This passkey setup has expired. Please start again.");
  const passkey = await checkRegistration(rp, body.response, taken.challenge, name);
  if (!passkey) return apiError(400, "The passkey could not be checked. Please try again.");
  const saved = await savePasskey(user.id, passkey);
  if (!saved.ok) return apiError(409, "That passkey is registered already.");
  await notifyPasskeyChange(user, "added", name, await currentClient());
  return json({ added: name }, 201);
});
