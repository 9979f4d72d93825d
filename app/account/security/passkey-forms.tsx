"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { type FormEvent, useActionState, useState } from "react";
import { CodeField, ErrorSummary, Field, FormFrame } from "@/app/_components/form-fields";
import { errorOf, postPasskeyJson, useWebAuthnSupport, wasCancelled } from "@/app/_components/passkey-client";
import { PasswordInput } from "@/app/_components/password-input";
import { SubmitButton } from "@/app/_components/submit-button";
import type { FormState } from "@/lib/http/forms";
import { submitPasskeyRemoval, submitPasskeyRename } from "@/lib/flows/passkey-actions";

const ADD_LABELS = { passkeyNewName: "Name for the passkey", addPasskeyPassword: "Password, to confirm it is you", addPasskeyCode: "Or a code from your authenticator app" };
const FAILED = "The passkey could not be added. Please try again.";

/**
 * Adding a passkey: the password (or, with two-factor on, the app's current code) first, then the
 * browser makes the passkey. It needs WebAuthn, so without JavaScript the form is not shown.
 */
export function AddPasskeyForm({ twoFactor, defaultName }: { twoFactor: boolean; defaultName: string }) {
  const supported = useWebAuthnSupport();
  const router = useRouter();
  const [state, setState] = useState<FormState>({});
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    setBusy(true);
    try {
      const code = field("addPasskeyCode").trim();
      const options = await postPasskeyJson("/account/security/passkeys/options", field("addPasskeyPassword") || !code ? { password: field("addPasskeyPassword") } : { code });
      if (!options.ok) {
        const problem = errorOf(options, FAILED);
        const fields = options.body.fields as Record<string, string> | undefined;
        setState({ message: problem, fieldErrors: fields?.code ? { addPasskeyCode: [problem] } : { addPasskeyPassword: [problem] } });
        return;
      }
      const response = await startRegistration({ optionsJSON: options.body.options as never });
      const saved = await postPasskeyJson("/account/security/passkeys", { response, name: field("passkeyNewName") });
      if (!saved.ok) {
        const problem = errorOf(saved, FAILED);
        setState({ message: problem, fieldErrors: saved.body.fields && (saved.body.fields as Record<string, string>).name ? { passkeyNewName: [problem] } : {} });
        return;
      }
      event.currentTarget?.reset();
      setState({ success: `Passkey “${String(saved.body.added)}” added.` });
      router.refresh();
    } catch (error) {
      setState(wasCancelled(error) ? { message: "No passkey was added: the browser's request was cancelled." } : { message: FAILED });
    } finally {
      setBusy(false);
    }
  }

  if (!supported) return null;
  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={add} noValidate className="stack" data-testid="add-passkey">
      <ErrorSummary state={state} labels={ADD_LABELS} />
      {state.success && (
        <p className="notice" role="status">
          {state.success}
        </p>
      )}
      <Field name="passkeyNewName" label={ADD_LABELS.passkeyNewName} errors={errors.passkeyNewName} hint="So you can tell your passkeys apart, for example “Work laptop”.">
        {(describedBy, invalid) => (
          <input id="passkeyNewName" name="passkeyNewName" type="text" maxLength={60} defaultValue={defaultName} required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field name="addPasskeyPassword" label={ADD_LABELS.addPasskeyPassword} errors={errors.addPasskeyPassword}>
        {(describedBy, invalid) => <PasswordInput id="addPasskeyPassword" autoComplete="current-password" describedBy={describedBy} invalid={invalid} />}
      </Field>
      {twoFactor && <CodeField name="addPasskeyCode" label={ADD_LABELS.addPasskeyCode} hint="Instead of the password: the 6-digit code your app shows now (not a recovery code)." errors={errors.addPasskeyCode} />}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Adding…" : "Add a passkey"}
      </button>
    </form>
  );
}

/** Renaming one passkey; a plain form post, so it works without JavaScript. */
export function RenamePasskeyForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState<FormState, FormData>(submitPasskeyRename, {});
  const field = `passkeyName-${id}`;
  return (
    <FormFrame action={action} state={state} labels={{ passkeyName: "New name" }}>
      <input type="hidden" name="passkeyId" value={id} />
      <div className="field">
        <label htmlFor={field}>New name for “{name}”</label>
        <input id={field} name="passkeyName" type="text" maxLength={60} defaultValue={name} required aria-invalid={Boolean(state.fieldErrors?.passkeyName) || undefined} />
      </div>
      <SubmitButton className="button-small" pendingText="Renaming…">
        Rename
      </SubmitButton>
    </FormFrame>
  );
}

export function RemovePasskeyForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState<FormState, FormData>(submitPasskeyRemoval, {});
  return (
    <FormFrame action={action} state={state} labels={{}}>
      <input type="hidden" name="passkeyId" value={id} />
      <SubmitButton className="button-danger" pendingText="Removing…">
        <span>
          Remove <span className="sr-only">“{name}”</span>
        </span>
      </SubmitButton>
    </FormFrame>
  );
}
