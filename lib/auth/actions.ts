"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type FormState, invalidForm, textField } from "../forms";
import { changePasswordSchema, loginSchema, registerSchema } from "../schemas";
import { endSession, startSessionForNewAccount, startSessionWithPassword } from "./auth";
import { changePassword as storeNewPassword, registerUser } from "./credentials";
import { requireSession } from "./dal";
import { sanitizeNextPath } from "./next-path";
import { revokeOtherSessions, revokeSession } from "./sessions";

// Server actions are public endpoints: each one validates everything it is sent and trusts
// nothing from the page. Next.js rejects cross-origin posts to them (Origin vs Host check).

const GENERIC_LOGIN_FAILURE = "Invalid email or password.";

export async function login(_previous: FormState, formData: FormData): Promise<FormState> {
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = loginSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    remember: formData.get("remember") ?? undefined,
  });
  if (!parsed.success) return invalidForm(parsed.error, values);

  const { email, password, remember } = parsed.data;
  if (!(await startSessionWithPassword(email, password, remember))) {
    return { message: GENERIC_LOGIN_FAILURE, values };
  }
  redirect(next);
}

export async function register(_previous: FormState, formData: FormData): Promise<FormState> {
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = registerSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    passwordConfirmation: formData.get("passwordConfirmation"),
  });
  if (!parsed.success) return invalidForm(parsed.error, values);

  const registration = await registerUser(parsed.data.email, parsed.data.password);
  if (!registration.ok) {
    return {
      message: "An account with this email already exists. Log in instead.",
      fieldErrors: { email: ["An account with this email already exists."] },
      values,
    };
  }
  await startSessionForNewAccount(registration.user);
  redirect(next);
}

export async function logout(): Promise<void> {
  await endSession();
  redirect("/login?notice=logged-out");
}

const SECURITY_PAGE = "/account/security";

export async function changePassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, sessionId } = await requireSession(SECURITY_PAGE);
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formData.get("currentPassword"),
    newPassword: formData.get("newPassword"),
    newPasswordConfirmation: formData.get("newPasswordConfirmation"),
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
  revalidatePath(SECURITY_PAGE);
  return { success: "Your password has been changed. You have been signed out on every other device." };
}

/** "Sign out" beside one session in the list. Only the owner's own sessions can be named. */
export async function signOutSession(formData: FormData): Promise<void> {
  const { user } = await requireSession(SECURITY_PAGE);
  const sessionId = formData.get("sessionId");
  if (typeof sessionId === "string") await revokeSession(user.id, sessionId);
  redirect(`${SECURITY_PAGE}?notice=signed-out-one`);
}

export async function signOutOtherDevices(): Promise<void> {
  const { user, sessionId } = await requireSession(SECURITY_PAGE);
  await revokeOtherSessions(user.id, sessionId);
  redirect(`${SECURITY_PAGE}?notice=signed-out-others`);
}
