"use client";

import { useActionState } from "react";
import { Field, FormFrame, NewPasswordFields } from "@/app/_components/form-fields";
import { PasswordInput } from "@/app/_components/password-input";
import { SubmitButton } from "@/app/_components/submit-button";
import { changePassword } from "@/lib/flows/account-actions";

const LABELS = {
  currentPassword: "Current password",
  newPassword: "New password",
  newPasswordConfirmation: "Repeat new password",
};

export function ChangePasswordForm({ passwordHint }: { passwordHint: string }) {
  const [state, action] = useActionState(changePassword, {});
  const errors = state.fieldErrors ?? {};
  return (
    <FormFrame action={action} state={state} labels={LABELS}>
      <Field name="currentPassword" label={LABELS.currentPassword} errors={errors.currentPassword}>
        {(describedBy, invalid) => (
          <PasswordInput id="currentPassword" autoComplete="current-password" describedBy={describedBy} invalid={invalid} />
        )}
      </Field>
      <NewPasswordFields
        names={{ password: "newPassword", confirmation: "newPasswordConfirmation" }}
        labels={LABELS}
        errors={errors}
        hint={passwordHint}
      />
      <SubmitButton pendingText="Changing password…">Change password</SubmitButton>
    </FormFrame>
  );
}
