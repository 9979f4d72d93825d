import type { ReactNode } from "react";
import type { FormState } from "@/lib/forms";

/**
 * Form building blocks shared by every form: a summary of errors that screen readers
 * announce, and fields that show their own error and point to it with aria-describedby.
 */

export function ErrorSummary({ state, labels }: { state: FormState; labels: Record<string, string> }) {
  if (!state.message) return null;
  const problems = Object.entries(state.fieldErrors ?? {}).filter(([, messages]) => messages?.length);
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
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

/** The email field, as the login and register forms both ask for it. */
export function EmailField({ errors, defaultValue }: { errors?: string[]; defaultValue?: string }) {
  return (
    <Field name="email" label="Email" errors={errors}>
      {(describedBy, invalid) => (
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
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
