"use client";

import { useActionState } from "react";
import { Field, FormFrame } from "@/app/_components/form-fields";
import { PasswordInput } from "@/app/_components/password-input";
import { SubmitButton } from "@/app/_components/submit-button";
import { changeEmail } from "@/lib/flows/account-actions";

// Not "currentPassword": the password change form on the same page has a field of that id.
const LABELS = { newEmail: "New email address", password: "Your password" };

export function ChangeEmailForm() {
  const [state, action] = useActionState(changeEmail, {});
  const errors = state.fieldErrors ?? {};
  return (
    <FormFrame action={action} state={state} labels={LABELS}>
      <Field name="newEmail" label={LABELS.newEmail} errors={errors.newEmail}>
        {(describedBy, invalid) => (
          <input
            id="newEmail"
            name="newEmail"
            type="email"
            autoComplete="email"
            autoCapitalize="off"
            spellCheck={false}
            required
            defaultValue={state.values?.newEmail}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <Field name="password" label={LABELS.password} errors={errors.password}>
        {(describedBy, invalid) => (
          <PasswordInput id="password" autoComplete="current-password" describedBy={describedBy} invalid={invalid} />
        )}
      </Field>
      <SubmitButton pendingText="Sending…">Change email address</SubmitButton>
    </FormFrame>
  );
}
