"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type FormState, UNREADABLE_FORM, invalidForm, textField } from "../forms";
import { changePasswordSchema, loginSchema, registerSchema } from "../schemas";
import { recordAuthEvent, sessionsEnded } from "./audit";
import { changePassword as storeNewPassword } from "./credentials";
import { requireSession } from "./dal";
import { EMAIL_TAKEN, LOGIN_FAILED, currentClient, logIn, logOut, signUp } from "./flows";
import { sanitizeNextPath } from "./next-path";
import { tooManyAttemptsMessage } from "./rate-limits";
import { revokeOtherSessions, revokeSession } from "./sessions";

// Server actions are public endpoints: each one validates everything it is sent and trusts
// nothing from the page, not even that its argument is a form (a hand-made call can send any
// value). Cross-site posts never reach them: middleware answers them with 403
// (lib/request-origin.ts) before Next.js's own Origin check, which would answer with a 500.

export async function login(_previous: FormState, formData: unknown): Promise<FormState> {
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = loginSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    remember: formData.get("remember") ?? undefined,
  });
  if (!parsed.success) return invalidForm(parsed.error, values);

  const outcome = await logIn(parsed.data);
  if (!outcome.ok) {
    const message = outcome.reason === "throttled" ? tooManyAttemptsMessage(outcome.retryAfterMs) : LOGIN_FAILED;
    return { message, values };
  }
  redirect(next);
}

export async function register(_previous: FormState, formData: unknown): Promise<FormState> {
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
}

export async function logout(): Promise<void> {
  await logOut();
  redirect("/login?notice=logged-out");
}

const SECURITY_PAGE = "/account/security";

export async function changePassword(_previous: FormState, formData: unknown): Promise<FormState> {
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
  const change = await storeNewPassword(user.id, sessionId, currentPassword, newPassword);
  if (!change.ok) {
    return {
      message: "Your password was not changed.",
      fieldErrors: { currentPassword: ["The current password is not right."] },
    };
  }
  await recordAuthEvent("password-changed", user.id, await currentClient(), sessionsEnded(change.otherSessionsEnded));
  revalidatePath(SECURITY_PAGE);
  return { success: "Your password has been changed. You have been signed out on every other device." };
}

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
