"use server";

import { redirect } from "next/navigation";
import { type FormState, invalidForm, textField } from "../forms";
import { loginSchema, registerSchema } from "../schemas";
import { endSession, startSessionForNewAccount, startSessionWithPassword } from "./auth";
import { registerUser } from "./credentials";
import { sanitizeNextPath } from "./next-path";

// Server actions are public endpoints: each one validates everything it is sent and trusts
// nothing from the page. Next.js rejects cross-origin posts to them (Origin vs Host check).

const GENERIC_LOGIN_FAILURE = "Invalid email or password.";

export async function login(_previous: FormState, formData: FormData): Promise<FormState> {
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return invalidForm(parsed.error, values);

  if (!(await startSessionWithPassword(parsed.data.email, parsed.data.password))) {
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
