"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type FormState, UNREADABLE_FORM, invalidForm, textField } from "../http/forms";
import { busyAware } from "./password-busy";
import {
  changeEmailSchema,
  changePasswordSchema,
  forgotPasswordSchema,
  loginSchema,
  registerSchema,
  resetPasswordSchema,
  secondFactorSchema,
} from "../auth/schemas";
import { recordAuthEvent, sessionsEnded } from "../auth/audit/trail";
import { storeNewPassword } from "../auth/password/credentials";
import { confirmCurrentPassword } from "../auth/password/current-password";
import { requireSession, requireUser } from "../auth/guard/dal";
import { confirmEmailWithLink, requestEmailChange, resendConfirmationLink } from "../auth/recovery/email-confirmation";
import { EMAIL_TAKEN, LOGIN_CAPPED, LOGIN_FAILED, SECOND_FACTOR_FAILED, completeLogin, logIn, logOut, signUp, type LoginOutcome, type SecondFactorOutcome } from "./doors";
import { TWO_FACTOR_LOGIN_PATH } from "../auth/two-factor/challenge";
import { loginChallengeCookie } from "./challenge-cookies";
import { unlockLogins } from "../auth/recovery/login-unlock";
import { sanitizeNextPath } from "../auth/guard/next-path";
import { findResetLink, notifyPasswordChanged, requestPasswordReset, resetPasswordWithLink } from "../auth/recovery/password-reset";
import { throttles } from "../auth/throttle/store";
import { tooManyAttemptsMessage } from "../auth/throttle/policies";
import { currentClient } from "../auth/audit/request-client";
import { revokeOtherSessions, revokeSession } from "../auth/session/rows";

// Server actions are public endpoints: each one validates everything it is sent and trusts
// nothing from the page, not even that its argument is a form (a hand-made call can send any
// value). Cross-site posts never reach them: middleware answers them with 403
// (lib/http/request-origin.ts) before Next.js's own Origin check, which would answer with a 500.

export const login = busyAware(async function login(_previous: FormState, formData: unknown): Promise<FormState> {
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = loginSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    remember: formData.get("remember") ?? undefined,
  });
  if (!parsed.success) return invalidForm(parsed.error, values);

  const outcome = await logIn(parsed.data, next);
  if (!outcome.ok) {
    if (outcome.reason === "second-factor") {
      await loginChallengeCookie.hold(outcome.challenge);
      redirect(TWO_FACTOR_LOGIN_PATH);
    }
    return { message: pausedLoginMessage(outcome) ?? LOGIN_FAILED, values };
  }
  redirect(next);
});

/** What a login hears while its email or address is throttled or capped, at either step; null otherwise. */
function pausedLoginMessage(outcome: Exclude<LoginOutcome | SecondFactorOutcome, { ok: true }>): string | null {
  if (outcome.reason === "throttled") return tooManyAttemptsMessage(outcome.retryAfterMs);
  return outcome.reason === "capped" ? LOGIN_CAPPED : null;
}

/** The second step of a login: an app code or a recovery code for the challenge this browser holds. */
export async function loginSecondFactor(_previous: FormState, formData: unknown): Promise<FormState> {
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  // The same rule for the code as the API's: the challenge here is the cookie's.
  const parsed = secondFactorSchema.shape.code.safeParse(formData.get("code"));
  if (!parsed.success) return { message: SECOND_FACTOR_FAILED, fieldErrors: { code: [parsed.error.issues[0]!.message] } };
  const outcome = await completeLogin(await loginChallengeCookie.read(), parsed.data);
  if (outcome.ok || outcome.reason === "expired") await loginChallengeCookie.clear();
  if (outcome.ok) redirect(outcome.next);
  if (outcome.reason === "expired") redirect("/login?notice=two-factor-expired");
  const paused = pausedLoginMessage(outcome);
  if (paused) return { message: paused };
  return { message: SECOND_FACTOR_FAILED, fieldErrors: { code: [SECOND_FACTOR_FAILED] } };
}

export const register = busyAware(async function register(_previous: FormState, formData: unknown): Promise<FormState> {
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = registerSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    passwordConfirmation: formData.get("passwordConfirmation"),
  });
  if (!parsed.success) return invalidForm(parsed.error, values);

  const outcome = await signUp(parsed.data);
  if (outcome.ok) redirect(next);
  if (outcome.reason === "throttled") return { message: tooManyAttemptsMessage(outcome.retryAfterMs), values };
  return {
    message: "An account with this email already exists. Log in instead.",
    fieldErrors: { email: [EMAIL_TAKEN] },
    values,
  };
});

export async function logout(): Promise<void> {
  await logOut();
  redirect("/login?notice=logged-out");
}

const SECURITY_PAGE = "/account/security";

export const changePassword = busyAware(async function changePassword(_previous: FormState, formData: unknown): Promise<FormState> {
  const { user, sessionId } = await requireSession(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formData.get("currentPassword"),
    newPassword: formData.get("newPassword"),
    newPasswordConfirmation: formData.get("newPasswordConfirmation"),
    accountEmail: user.email,
  });
  if (!parsed.success) return invalidForm(parsed.error, {});

  const { currentPassword, newPassword } = parsed.data;
  const check = await confirmCurrentPassword(user, currentPassword, "password-change");
  if (!check.ok) {
    if (check.reason === "throttled") return { message: tooManyAttemptsMessage(check.retryAfterMs) };
    return {
      message: "Your password was not changed.",
      fieldErrors: { currentPassword: ["The current password is not right."] },
    };
  }
  const { otherSessionsEnded } = await storeNewPassword(user.id, sessionId, newPassword);
  // The owner has just given the right password, as a successful login would: its lock and cap go.
  await throttles.clearLoginFailures(user.email);
  await recordAuthEvent("password-changed", user.id, await currentClient(), sessionsEnded(otherSessionsEnded));
  notifyPasswordChanged(user.email);
  revalidatePath(SECURITY_PAGE);
  return { success: "Your password has been changed. You have been signed out on every other device." };
});

/** "Sign out" beside one session in the list. Only the owner's own sessions can be named. */
export async function signOutSession(formData: unknown): Promise<void> {
  const { user } = await requireSession(SECURITY_PAGE);
  const sessionId = formData instanceof FormData ? formData.get("sessionId") : null;
  if (typeof sessionId === "string" && (await revokeSession(user.id, sessionId))) {
    await recordAuthEvent("sessions-revoked", user.id, await currentClient(), sessionsEnded(1));
  }
  redirect(`${SECURITY_PAGE}?notice=signed-out-one`);
}

export async function signOutOtherDevices(): Promise<void> {
  const { user, sessionId } = await requireSession(SECURITY_PAGE);
  const { count } = await revokeOtherSessions(user.id, sessionId);
  await recordAuthEvent("sessions-revoked", user.id, await currentClient(), sessionsEnded(count));
  redirect(`${SECURITY_PAGE}?notice=signed-out-others`);
}

// ---- Recovery and addresses (lib/auth/recovery/password-reset.ts, lib/auth/recovery/email-confirmation.ts) ----

/** The one answer to "forgot password", whether or not the address has an account. */
const RESET_LINK_SENT =
  "If an account exists for that address, we have sent it a link to choose a new password. The link works for one hour.";
const INVALID_RESET_LINK = "This link has expired or has already been used. You can ask for a new one.";

export async function forgotPassword(_previous: FormState, formData: unknown): Promise<FormState> {
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const values = { email: textField(formData, "email") };
  const parsed = forgotPasswordSchema.safeParse({ email: formData.get("email") });
  if (!parsed.success) return invalidForm(parsed.error, values);
  const outcome = await requestPasswordReset(parsed.data.email);
  if (!outcome.ok) return { message: tooManyAttemptsMessage(outcome.retryAfterMs), values };
  return { success: RESET_LINK_SENT };
}

export const resetPassword = busyAware(async function resetPassword(_previous: FormState, formData: unknown): Promise<FormState> {
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const link = await findResetLink(formData.get("token"));
  if (!link) return { message: INVALID_RESET_LINK };
  const parsed = resetPasswordSchema.safeParse({
    password: formData.get("password"),
    passwordConfirmation: formData.get("passwordConfirmation"),
    accountEmail: link.accountEmail,
  });
  if (!parsed.success) return invalidForm(parsed.error, {});
  const outcome = await resetPasswordWithLink(link, parsed.data.password);
  if (!outcome.ok) return { message: INVALID_RESET_LINK };
  // With two-factor on, the link proves the address, not the second factor: log in with both.
  redirect(outcome.signedIn ? `${SECURITY_PAGE}?notice=password-reset` : "/login?notice=password-reset-two-factor");
});

/** The confirmation page's button (a link in a mail only shows the button, so mail scanners that open links confirm nothing). */
export async function confirmEmail(formData: unknown): Promise<void> {
  const token = formData instanceof FormData ? formData.get("token") : null;
  const outcome = typeof token === "string" ? await confirmEmailWithLink(token) : { ok: false as const, reason: "invalid-link" as const };
  revalidatePath("/", "layout"); // the header shows the address
  redirect(`/verify-email?notice=${outcome.ok ? (outcome.changed ? "changed" : "confirmed") : outcome.reason}`);
}

/** The unlock page's button (like the confirmation page's: opening the link alone does nothing). */
export async function unlockLogin(formData: unknown): Promise<void> {
  const unlocked = await unlockLogins(formData instanceof FormData ? formData.get("token") : null);
  redirect(`/unlock?notice=${unlocked ? "unlocked" : "invalid-link"}`);
}

/** Pages with a "send the link again" button, where it sends the visitor back to. */
const RESEND_RETURN_PATHS = ["/checkout", SECURITY_PAGE] as const;

export async function resendConfirmation(formData: unknown): Promise<void> {
  const from = formData instanceof FormData ? formData.get("from") : null;
  const returnTo = RESEND_RETURN_PATHS.find((path) => path === from) ?? SECURITY_PAGE;
  const user = await requireUser(returnTo);
  const outcome = await resendConfirmationLink(user);
  const notice = !outcome.ok ? "too-many-mails" : outcome.alreadyConfirmed ? "already-confirmed" : "link-sent";
  redirect(`${returnTo}?notice=${notice}`);
}

export const changeEmail = busyAware(async function changeEmail(_previous: FormState, formData: unknown): Promise<FormState> {
  const { user } = await requireSession(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const values = { newEmail: textField(formData, "newEmail") };
  const parsed = changeEmailSchema.safeParse({ newEmail: formData.get("newEmail"), password: formData.get("password") });
  if (!parsed.success) return invalidForm(parsed.error, values);

  const outcome = await requestEmailChange(user, parsed.data.password, parsed.data.newEmail);
  if (outcome.ok) {
    return {
      success: `We have sent a link to ${parsed.data.newEmail}. Your address changes when you open it (within 24 hours); until then you keep using ${user.email}.`,
    };
  }
  if (outcome.reason === "throttled") return { message: tooManyAttemptsMessage(outcome.retryAfterMs), values };
  const fieldErrors = {
    "wrong-password": { password: ["The password is not right."] },
    "same-address": { newEmail: ["This is already your address."] },
    "email-taken": { newEmail: [EMAIL_TAKEN] },
  }[outcome.reason];
  return { message: "Your email address was not changed.", fieldErrors, values };
});
