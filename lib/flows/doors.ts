import "server-only";
import type { LoginInput, RegisterInput } from "../auth/schemas";
import { mergeGuestCartInto } from "../shop/cart";
import { recordAuthEvent } from "../auth/audit/trail";
import { endSession, startSessionFor } from "../auth/nextauth/auth";
import { registerUser, verifyCredentials } from "../auth/password/credentials";
import { sendConfirmationLink } from "../auth/recovery/email-confirmation";
import { sendUnlockLink } from "../auth/recovery/login-unlock";
import { throttles } from "../auth/throttle/store";
import { currentClient } from "../auth/audit/request-client";
import { type Throttled, throttled } from "../auth/throttle/policies";
import type { PublicUser } from "../auth/account/public-user";

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
  | { ok: false; reason: "invalid-credentials" | "capped" }
  | Throttled;
export type SignupOutcome = { ok: true; user: PublicUser } | { ok: false; reason: "email-taken" } | Throttled;

/**
 * Checks the password and starts a session. A throttled attempt is refused before any
 * hashing; an unknown email and a wrong password take the same path and give the same
 * answer, differing only in the (private) audit record.
 */
export async function logIn({ email, password, remember }: LoginInput): Promise<LoginOutcome> {
  const client = await currentClient();
  const attempt = await throttles.beginLogin(email, client.ip);
  if (!attempt.allowed) return "capped" in attempt ? { ok: false, reason: "capped" } : throttled(attempt);

  const check = await verifyCredentials(email, password);
  if (!check.ok) {
    const { lockedOut, capped } = await attempt.failed();
    await recordAuthEvent("login-failed", check.userId, client);
    if (lockedOut) await recordAuthEvent("locked-out", check.userId, client);
    if (capped) {
      await recordAuthEvent("login-capped", check.userId, client);
      // Once per cap, after the answer: whether the email has an account is decided there.
      sendUnlockLink(email);
    }
    return { ok: false, reason: "invalid-credentials" };
  }
  await attempt.succeeded();
  await startSessionFor(check.user, remember, client);
  await recordAuthEvent("login-succeeded", check.user.id, client);
  await mergeGuestCartInto(check.user.id); // what they chose before logging in stays chosen
  return { ok: true, user: check.user };
}

/**
 * Creates the account, logs it in and sends a link to confirm the address (needed before
 * the first order). The email's unique index settles simultaneous signups.
 */
export async function signUp({ email, password }: RegisterInput): Promise<SignupOutcome> {
  const client = await currentClient();
  const allowed = await throttles.allowSignup(client.ip);
  if (!allowed.allowed) return throttled(allowed);

  const registration = await registerUser(email, password);
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
