"use client";

import { type ReactNode, useActionState } from "react";
import { CodeField, Field, FormFrame } from "@/app/_components/form-fields";
import { PasswordInput } from "@/app/_components/password-input";
import { SubmitButton } from "@/app/_components/submit-button";
import {
  type TwoFactorFormState,
  beginTwoFactorSetup,
  confirmTwoFactorSetup,
  makeNewRecoveryCodes,
  turnOffTwoFactor,
} from "@/lib/flows/two-factor-actions";

function CurrentPassword({ name, errors }: { name: string; errors?: string[] }) {
  return (
    <Field name={name} label="Password, to confirm it is you" errors={errors}>
      {(describedBy, invalid) => <PasswordInput id={name} autoComplete="current-password" describedBy={describedBy} invalid={invalid} />}
    </Field>
  );
}

/** New recovery codes, shown once, with a plain-text file to keep them in. */
function RecoveryCodes({ codes, notice }: { codes: string[]; notice?: string }) {
  const file = `Cookieshop recovery codes. Each works once, in place of a code from your app.\n\n${codes.join("\n")}\n`;
  return (
    <div className="stack" data-testid="recovery-codes">
      <p className="notice" role="status">
        {notice}
      </p>
      <p>
        <strong>Save these recovery codes now.</strong> Each logs you in once if your phone is lost. This is the only time
        they are shown.
      </p>
      <ul className="grid gap-1 font-mono sm:grid-cols-2" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p>
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="cookieshop-recovery-codes.txt">
          Download them as a text file
        </a>
      </p>
    </div>
  );
}

export function BeginSetupForm() {
  const [state, action] = useActionState<TwoFactorFormState, FormData>(beginTwoFactorSetup, {});
  return (
    <FormFrame action={action} state={state} labels={{ setupPassword: "Password, to confirm it is you" }}>
      <CurrentPassword name="setupPassword" errors={state.fieldErrors?.setupPassword} />
      <SubmitButton pendingText="Checking…">Set up two-factor login</SubmitButton>
    </FormFrame>
  );
}

/**
 * The setup's last step, and the recovery codes it makes. The section renders this in the
 * same place whatever the state, so that without JavaScript the page that comes back from
 * the post (two-factor on by then) still gets this form's answer and shows the codes.
 */
export function ConfirmSetupForm({ pending }: { pending?: ReactNode }) {
  const [state, action] = useActionState<TwoFactorFormState, FormData>(confirmTwoFactorSetup, {});
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} notice={state.success} />;
  if (!pending) return null;
  return (
    <div className="stack">
      {pending}
      <FormFrame action={action} state={state} labels={{ setupCode: "Code from the app" }}>
        <CodeField name="setupCode" label="Code from the app" hint="The 6-digit code the app shows for Cookieshop." errors={state.fieldErrors?.setupCode} />
        <SubmitButton pendingText="Checking…">Turn on two-factor login</SubmitButton>
      </FormFrame>
    </div>
  );
}

export function NewRecoveryCodesForm() {
  const [state, action] = useActionState<TwoFactorFormState, FormData>(makeNewRecoveryCodes, {});
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} notice={state.success} />;
  return (
    <FormFrame action={action} state={state} labels={{ newCodesPassword: "Password, to confirm it is you", newCodesCode: "Code from the app" }}>
      <CurrentPassword name="newCodesPassword" errors={state.fieldErrors?.newCodesPassword} />
      <CodeField name="newCodesCode" label="Code from the app" errors={state.fieldErrors?.newCodesCode} />
      <SubmitButton pendingText="Making codes…">Make new recovery codes</SubmitButton>
    </FormFrame>
  );
}

export function TurnOffForm() {
  const [state, action] = useActionState<TwoFactorFormState, FormData>(turnOffTwoFactor, {});
  return (
    <FormFrame action={action} state={state} labels={{ offPassword: "Password, to confirm it is you", offCode: "Code from the app, or a recovery code" }}>
      <CurrentPassword name="offPassword" errors={state.fieldErrors?.offPassword} />
      <CodeField name="offCode" label="Code from the app, or a recovery code" errors={state.fieldErrors?.offCode} recovery />
      <SubmitButton pendingText="Turning off…">Turn off two-factor login</SubmitButton>
    </FormFrame>
  );
}
