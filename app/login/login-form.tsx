"use client";

import Link from "next/link";
import { useActionState } from "react";
import { EmailField, Field, FormFrame } from "@/app/_components/form-fields";
import { PasswordInput } from "@/app/_components/password-input";
import { SubmitButton } from "@/app/_components/submit-button";
import { login } from "@/lib/flows/account-actions";
import { pathWithNext } from "@/lib/auth/guard/next-path";
import { PasskeyLogin } from "./passkey-login";

const LABELS = { email: "Email", password: "Password" };

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState(login, {});
  const errors = state.fieldErrors ?? {};
  return (
    <FormFrame action={action} state={state} labels={LABELS} next={next}>
      <EmailField errors={errors.email} defaultValue={state.values?.email} autoComplete="username webauthn" />
      <Field name="password" label={LABELS.password} errors={errors.password}>
        {(describedBy, invalid) => (
          <PasswordInput id="password" autoComplete="current-password" describedBy={describedBy} invalid={invalid} />
        )}
      </Field>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="remember" aria-describedby="remember-hint" />
          Remember me
        </label>
        <p id="remember-hint" className="field-hint">
          Stay logged in on this device for up to 30 days. Leave unticked on a shared computer.
        </p>
      </div>
      <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
      <PasskeyLogin next={next} />
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link href={pathWithNext("/register", next)}>Create an account</Link>
      </p>
    </FormFrame>
  );
}
