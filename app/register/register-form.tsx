"use client";

import Link from "next/link";
import { useActionState } from "react";
import { EmailField, Field, FormFrame } from "@/app/_components/form-fields";
import { PasswordInput } from "@/app/_components/password-input";
import { SubmitButton } from "@/app/_components/submit-button";
import { register } from "@/lib/auth/actions";
import { pathWithNext } from "@/lib/auth/next-path";

const LABELS = { email: "Email", password: "Password", passwordConfirmation: "Repeat password" };

export function RegisterForm({ next, passwordHint }: { next: string; passwordHint: string }) {
  const [state, action] = useActionState(register, {});
  const errors = state.fieldErrors ?? {};
  return (
    <FormFrame action={action} state={state} labels={LABELS} next={next}>
      <EmailField errors={errors.email} defaultValue={state.values?.email} />
      <Field
        name="password"
        label={LABELS.password}
        errors={errors.password}
        hint={passwordHint}
      >
        {(describedBy, invalid) => (
          <PasswordInput id="password" autoComplete="new-password" describedBy={describedBy} invalid={invalid} />
        )}
      </Field>
      <Field name="passwordConfirmation" label={LABELS.passwordConfirmation} errors={errors.passwordConfirmation}>
        {(describedBy, invalid) => (
          <PasswordInput
            id="passwordConfirmation"
            autoComplete="new-password"
            describedBy={describedBy}
            invalid={invalid}
          />
        )}
      </Field>
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
      <p>
        Already have an account? <Link href={pathWithNext("/login", next)}>Log in</Link>
      </p>
    </FormFrame>
  );
}
