"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormFrame, NewPasswordFields } from "@/app/_components/form-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { resetPassword } from "@/lib/flows/account-actions";

const LABELS = { password: "New password", passwordConfirmation: "Repeat new password" };

export function ResetPasswordForm({ token, passwordHint }: { token: string; passwordHint: string }) {
  const [state, action] = useActionState(resetPassword, {});
  return (
    <FormFrame action={action} state={state} labels={LABELS}>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields
        names={{ password: "password", confirmation: "passwordConfirmation" }}
        labels={LABELS}
        errors={state.fieldErrors ?? {}}
        hint={passwordHint}
      />
      <SubmitButton pendingText="Saving…">Save new password</SubmitButton>
      {state.message && !state.fieldErrors && (
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      )}
    </FormFrame>
  );
}
