"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { type FormState, invalidForm, textField } from "../forms";
import { loginSchema, registerSchema } from "../schemas";
import { signIn, signOut } from "./auth";
import { registerUser } from "./credentials";
import { sanitizeNextPath } from "./next-path";

// Server actions are public endpoints: each one validates everything it is sent and trusts
// nothing from the page. Next.js rejects cross-origin posts to them (Origin vs Host check).

const GENERIC_LOGIN_FAILURE = "Invalid email or password.";

/** Starts a session through Auth.js; false when the credentials do not match. */
async function startSession(email: string, password: string): Promise<boolean> {
  try {
    await signIn("credentials", { email, password, redirect: false });
    return true;
  } catch (error) {
    // Anything else (a misconfiguration, the database) is a real error, not a wrong password.
    if (error instanceof CredentialsSignin) return false;
    throw error;
  }
}

export async function login(_previous: FormState, formData: FormData): Promise<FormState> {
  const next = sanitizeNextPath(formData.get("next"));
  const values = { email: textField(formData, "email") };
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return invalidForm(parsed.error, values);

  if (!(await startSession(parsed.data.email, parsed.data.password))) {
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

  const { email, password } = parsed.data;
  const registration = await registerUser(email, password);
  if (!registration.ok) {
    return {
      message: "An account with this email already exists. Log in instead.",
      fieldErrors: { email: ["An account with this email already exists."] },
      values,
    };
  }
  if (!(await startSession(email, password))) {
    // The account exists but the session could not start: send them to log in normally.
    redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  redirect(next);
}

export async function logout(): Promise<void> {
  await signOut({ redirect: false });
  redirect("/login?notice=logged-out");
}
