"use client";

import Link from "next/link";
import { useActionState } from "react";
import { EmailField, FormFrame } from "@/app/_components/form-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { forgotPassword } from "@/lib/flows/account-actions";

const LABELS = { email: "Email" };

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPassword, {});
  return (
    <FormFrame action={action} state={state} labels={LABELS}>
      <EmailField errors={state.fieldErrors?.email} defaultValue={state.values?.email} />
      <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
      <p>
        Remembered it? <Link href="/login">Log in</Link>
      </p>
    </FormFrame>
  );
}
