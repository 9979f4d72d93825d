"use client";

import Link from "next/link";
import { useActionState } from "react";
import { EmailField, FormFrame, NewPasswordFields } from "@/app/_components/form-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { register } from "@/lib/flows/account-actions";
import { pathWithNext } from "@/lib/auth/guard/next-path";

const LABELS = { email: "Email", password: "Password", passwordConfirmation: "Repeat password" };

export function RegisterForm({ next, passwordHint }: { next: string; passwordHint: string }) {
  const [state, action] = useActionState(register, {});
  const errors = state.fieldErrors ?? {};
  return (
    <FormFrame action={action} state={state} labels={LABELS} next={next}>
      <EmailField errors={errors.email} defaultValue={state.values?.email} />
      <NewPasswordFields
        names={{ password: "password", confirmation: "passwordConfirmation" }}
        labels={LABELS}
        errors={errors}
        hint={passwordHint}
      />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
      <p>
        Already have an account? <Link href={pathWithNext("/login", next)}>Log in</Link>
      </p>
    </FormFrame>
  );
}
