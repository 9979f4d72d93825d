"use client";

import { type ReactNode, useEffect, useRef } from "react";
import type { FormState } from "@/lib/http/forms";
import { PasswordInput } from "./password-input";

/**
 * Form building blocks shared by every form: a summary of errors that screen readers
 * announce, and fields that show their own error and point to it with aria-describedby.
 */

export function ErrorSummary({ state, labels }: { state: FormState; labels: Record<string, string> }) {
  const summary = useRef<HTMLDivElement>(null);
  // After a failed submit, keyboard and screen-reader users start from the list of problems.
  useEffect(() => summary.current?.focus(), [state]);
  if (!state.message) return null;
  const problems = Object.entries(state.fieldErrors ?? {}).filter(([, messages]) => messages?.length);
  return (
    <div ref={summary} className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <p id="error-summary-title" className="error-summary-title">
        {state.message}
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.map(([name, messages]) => (
            <li key={name}>
              <a href={`#${name}`}>
                {labels[name] ?? name}: {messages?.[0]}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type FormFrameProps = {
  action: (formData: FormData) => void;
  state: FormState;
  labels: Record<string, string>;
  /** Where to go after success; the action sanitizes it again, never trusting this field. */
  next?: string;
  children: ReactNode;
};

/** A form that posts to a server action, with its error summary, its success notice and the `next` target. */
export function FormFrame({ action, state, labels, next, children }: FormFrameProps) {
  return (
    <form action={action} noValidate className="stack">
      <ErrorSummary state={state} labels={labels} />
      {state.success && (
        <p className="notice" role="status">
          {state.success}
        </p>
      )}
      {next !== undefined && <input type="hidden" name="next" value={next} />}
      {children}
    </form>
  );
}

type FieldProps = {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
};

/** A labelled field; `children` renders the control with the ids it must reference. */
export function Field({ name, label, errors, hint, children }: FieldProps) {
  const invalid = Boolean(errors?.length);
  const ids = [hint && `${name}-hint`, invalid && `${name}-error`].filter(Boolean).join(" ");
  return (
    <div className={invalid ? "field field-invalid" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children(ids || undefined, invalid)}
      {invalid && (
        <p id={`${name}-error`} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}

/**
 * The email field, as the login and register forms both ask for it. The login form's says
 * "username webauthn", which lets the browser offer this site's passkeys in its autofill.
 */
export function EmailField({ errors, defaultValue, autoComplete = "email" }: { errors?: string[]; defaultValue?: string; autoComplete?: string }) {
  return (
    <Field name="email" label="Email" errors={errors}>
      {(describedBy, invalid) => (
        <input
          id="email"
          name="email"
          type="email"
          autoComplete={autoComplete}
          autoCapitalize="off"
          spellCheck={false}
          required
          defaultValue={defaultValue}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </Field>
  );
}

/** A one-time code: from the authenticator app, or (where `recovery` says) a recovery code instead. */
export function CodeField({
  name = "code",
  label,
  hint,
  errors,
  recovery = false,
}: {
  name?: string;
  label: string;
  hint?: string;
  errors?: string[];
  recovery?: boolean;
}) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      {(describedBy, invalid) => (
        <input
          id={name}
          name={name}
          type="text"
          inputMode={recovery ? "text" : "numeric"}
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={64}
          required
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </Field>
  );
}

type NewPasswordFieldsProps = {
  /** The two inputs' names, which are also their ids and the keys of `errors`. */
  names: { password: string; confirmation: string };
  labels: Record<string, string>;
  errors: Partial<Record<string, string[]>>;
  hint: string;
};

/** A new password and its repetition, as registration and the password change ask for them. */
export function NewPasswordFields({ names, labels, errors, hint }: NewPasswordFieldsProps) {
  return (
    <>
      {[names.password, names.confirmation].map((name) => (
        <Field key={name} name={name} label={labels[name] ?? name} errors={errors[name]} hint={name === names.password ? hint : undefined}>
          {(describedBy, invalid) => (
            <PasswordInput id={name} autoComplete="new-password" describedBy={describedBy} invalid={invalid} />
          )}
        </Field>
      ))}
    </>
  );
}
