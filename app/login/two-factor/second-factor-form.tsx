"use client";

import Link from "next/link";
import { useActionState } from "react";
import { CodeField, FormFrame } from "@/app/_components/form-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { loginSecondFactor } from "@/lib/flows/account-actions";

const LABELS = { code: "Code" };

export function SecondFactorForm() {
  const [state, action] = useActionState(loginSecondFactor, {});
  return (
    <FormFrame action={action} state={state} labels={LABELS}>
      <CodeField
        label={LABELS.code}
        hint="The 6-digit code your authenticator app shows now, or one of your recovery codes."
        errors={state.fieldErrors?.code}
        recovery
      />
      <SubmitButton pendingText="Checking…">Log in</SubmitButton>
      <p>
        <Link href="/login">Start again</Link>
      </p>
    </FormFrame>
  );
}
