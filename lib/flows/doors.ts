import "server-only";
import type { LoginInput, RegisterInput } from "../auth/schemas";
import { mergeGuestCartInto } from "../shop/cart";
import { type Client, recordAuthEvent } from "../auth/audit/trail";
import { endSession, startSessionFor } from "../auth/nextauth/auth";
import { registerUser, verifyCredentials } from "../auth/password/credentials";
import { PasswordWorkBusy, refuseIfPasswordWorkBusy } from "../auth/password/hashing";
import { sendConfirmationLink } from "../auth/recovery/email-confirmation";
import { sendUnlockLink } from "../auth/recovery/login-unlock";
import { throttles } from "../auth/throttle/store";
import { currentClient } from "../auth/audit/request-client";
import { type LoginAttempt, type Throttled, throttled } from "../auth/throttle/policies";
import type { PublicUser } from "../auth/account/public-user";
import { type LoginChallenge, failChallenge, findChallenge, startChallenge, takeChallenge } from "../auth/two-factor/challenge";
import { notifyTwoFactorChange } from "../auth/two-factor/notices";
import { hasTwoFactor, useSecondFactor } from "../auth/two-factor/store";
import { DEFAULT_NEXT_PATH } from "../auth/guard/next-path";
import type { RelyingParty } from "../auth/passkeys/relying-party";
import { verifyPasskeyAnswer } from "../auth/passkeys/verify";

/**
 * The three doors: sign up, log in, log out. The forms (./account-actions.ts) and the JSON API
 * (app/api) call exactly these, so a browser and a script meet the same throttles, the same
 * checks and the same audit trail. Input arrives already validated by lib/auth/schemas.ts.
 */

/** The one answer to a failed login, whatever the reason: it must not say which emails exist. */
export const LOGIN_FAILED = "Invalid email or password.";
export const EMAIL_TAKEN = "An account with this email already exists.";
/**
 * The one answer while an email's password logins are capped (lib/auth/throttle/policies.ts),
 * whether or not it has an account, so it cannot say that a mail was sent.
 */
export const LOGIN_CAPPED =
  "Logins with this email are paused after too many failed attempts. If it belongs to an account, we have sent that address a link to allow them again. You can also reset your password.";

export type LoginOutcome =
  | { ok: true; user: PublicUser }
  | { ok: false; reason: "second-factor"; challenge: string }
  | { ok: false; reason: "invalid-credentials" | "capped" }
  | Throttled;
export type SignupOutcome = { ok: true; user: PublicUser } | { ok: false; reason: "email-taken" } | Throttled;

/** The one answer to a wrong or used second factor, whichever kind it was. */
export const SECOND_FACTOR_FAILED = "That code did not work. Enter the current code from your app, or an unused recovery code.";
/** A wrong code where only the authenticator app's will do (setting up, new recovery codes, adding a passkey). */
export const WRONG_APP_CODE = "That code did not work. Enter the code your authenticator app shows now.";
export const CHALLENGE_EXPIRED = "This login has expired. Please log in again.";

/**
 * Checks the password and starts a session. While the password threads are busy, or the
 * attempt is throttled, it is refused before any hashing (busy threads throw PasswordWorkBusy,
 * which ./password-busy.ts and ./api.ts answer). An unknown email and a wrong password take
 * the same path and give the same answer, differing only in the (private) audit record.
 */
export async function logIn({ email, password, remember }: LoginInput, next = DEFAULT_NEXT_PATH): Promise<LoginOutcome> {
  const client = await currentClient();
  // A lock in force answers first, whatever the threads' load; busy threads refuse before anything is counted.
  const attempt = await throttles.beginLogin(email, client.ip, { beforeCounting: refuseIfPasswordWorkBusy });
  if (!attempt.allowed) return "capped" in attempt ? { ok: false, reason: "capped" } : throttled(attempt);

  const check = await verifyCredentials(email, password).catch(async (error: unknown) => {
    if (error instanceof PasswordWorkBusy) await attempt.abandoned(); // no password was checked
    throw error;
  });
  if (!check.ok) {
    await refuseAttempt(attempt, email, check.userId, "login-failed", client);
    return { ok: false, reason: "invalid-credentials" };
  }
  // With two-factor on, the right password opens no session, and the attempt stays counted
  // until the second factor succeeds: knowing the password buys no extra guesses at codes.
  if (await hasTwoFactor(check.user.id)) {
    return { ok: false, reason: "second-factor", challenge: await startChallenge(check.user.id, next, remember) };
  }
  await attempt.succeeded();
  await openSession(check.user, remember, client);
  return { ok: true, user: check.user };
}

/** A failed factor: counted toward the lockout and the cap, and recorded. */
async function refuseAttempt(attempt: LoginAttempt, email: string, userId: string | null, event: "login-failed" | "two-factor-failed", client: Client) {
  const { lockedOut, capped } = await attempt.failed();
  await recordAuthEvent(event, userId, client);
  if (lockedOut) await recordAuthEvent("locked-out", userId, client);
  if (capped) {
    await recordAuthEvent("login-capped", userId, client);
    // Once per cap, after the answer: whether the email has an account is decided there.
    sendUnlockLink(email);
  }
}

/** `how` says, in the audit trail, when the login was not with a password (a passkey). */
async function openSession(user: PublicUser, remember: boolean, client: Client, how?: string) {
  await startSessionFor(user, remember, client);
  await recordAuthEvent("login-succeeded", user.id, client, how);
  await mergeGuestCartInto(user.id); // what they chose before logging in stays chosen
}

export type SecondFactorOutcome =
  | { ok: true; user: PublicUser; next: string }
  | { ok: false; reason: "wrong-code" | "expired" | "capped" }
  | Throttled;

/**
 * The second step of a login with two-factor on: the challenge the first step left, and an
 * app code or a recovery code. Wrong codes count toward the same lockout and cap as wrong
 * passwords; the challenge ends after a few, and at success.
 */
export function completeLogin(challengeSecret: unknown, code: string): Promise<SecondFactorOutcome> {
  return finishSecondStep(challengeSecret, async (challenge) => {
    const used = await useSecondFactor(challenge.user.id, code, new Date(), challenge.appSecret);
    return used.ok ? used.used : null;
  });
}

/**
 * What every kind of second step shares: the waiting login's challenge, its throttles (read,
 * not counted again: throttles.resumeLogin), and the end of the challenge at success or after
 * too many refusals. `check` uses the factor up and says which kind it was, or null.
 */
async function finishSecondStep(
  challengeSecret: unknown,
  check: (challenge: LoginChallenge) => Promise<"app" | "recovery-code" | "passkey" | null>,
): Promise<SecondFactorOutcome> {
  const challenge = await findChallenge(challengeSecret);
  if (!challenge) return { ok: false, reason: "expired" };
  const client = await currentClient();
  const attempt = await throttles.resumeLogin(challenge.user.email, client.ip);
  if (!attempt.allowed) return "capped" in attempt ? { ok: false, reason: "capped" } : throttled(attempt);

  const used = await check(challenge);
  if (!used) {
    await refuseAttempt(attempt, challenge.user.email, challenge.user.id, "two-factor-failed", client);
    return { ok: false, reason: (await failChallenge(challenge)) ? "wrong-code" : "expired" };
  }
  if (!(await takeChallenge(challenge))) return { ok: false, reason: "expired" };
  await attempt.succeeded();
  await openSession(challenge.user, challenge.remember, client, used === "passkey" ? "with a password and a passkey" : undefined);
  if (used === "recovery-code") await notifyTwoFactorChange(challenge.user, "recovery-code-used", client);
  return { ok: true, user: challenge.user, next: challenge.next };
}

export type PasskeyLoginOutcome = { ok: true; user: PublicUser } | { ok: false; reason: "refused" | "expired" };

/**
 * A login with a passkey alone, no email typed: the browser's assertion answers the challenge
 * its cookie names. User verification is required, so the passkey is both factors and no
 * second step follows, two-factor on or not. It opens the same session as a password login.
 * An unknown, foreign or deactivated account's passkey, a wrong signature and a counter that
 * did not go up all get the same refusal; a ceremony that ended (used, or five minutes old) is
 * "expired", which says nothing about any credential.
 */
export async function logInWithPasskey(rp: RelyingParty, challengeSecret: unknown, response: unknown, remember: boolean): Promise<PasskeyLoginOutcome> {
  const client = await currentClient();
  const answer = await verifyPasskeyAnswer(rp, "login", challengeSecret, response);
  if (!answer.ok) {
    await recordAuthEvent("passkey-failed", answer.claimedUserId, client, "at login");
    return { ok: false, reason: answer.reason };
  }
  await openSession(answer.user, remember, client, "with a passkey");
  return { ok: true, user: answer.user };
}

/**
 * The second step of a password login with two-factor on, answered with one of the account's
 * passkeys instead of a code. The passkey must be the challenge's account's; a refusal counts
 * toward the same lockout as a wrong code and ends the challenge after as many.
 */
export function completeLoginWithPasskey(rp: RelyingParty, loginChallengeSecret: unknown, passkeyChallengeSecret: unknown, response: unknown): Promise<SecondFactorOutcome> {
  return finishSecondStep(loginChallengeSecret, async (challenge) =>
    (await verifyPasskeyAnswer(rp, "second-factor", passkeyChallengeSecret, response, challenge.user.id)).ok ? "passkey" : null,
  );
}

/**
 * Creates the account, logs it in and sends a link to confirm the address (needed before
 * the first order). The email's unique index settles simultaneous signups.
 */
export async function signUp({ email, password }: RegisterInput): Promise<SignupOutcome> {
  refuseIfPasswordWorkBusy();
  const client = await currentClient();
  const allowed = await throttles.allowSignup(client.ip);
  if (!allowed.allowed) return throttled(allowed);

  const registration = await registerUser(email, password).catch(async (error: unknown) => {
    if (error instanceof PasswordWorkBusy) await throttles.forgiveSignup(client.ip); // nothing was hashed
    throw error;
  });
  if (!registration.ok) return registration;
  await startSessionFor(registration.user, false, client);
  await recordAuthEvent("registered", registration.user.id, client);
  await mergeGuestCartInto(registration.user.id);
  sendConfirmationLink(registration.user);
  return registration;
}

/** Revokes the session record and clears the cookie. Safe to call without a session. */
export async function logOut(): Promise<void> {
  const client = await currentClient();
  const ended = await endSession();
  if (ended) await recordAuthEvent("logged-out", ended.userId, client);
}
