"use client";

import Link from "next/link";
import { ErrorSummary, Field } from "@/app/_components/form-fields";
import { NativeSubmitButton } from "@/app/_components/submit-button";
import type { FormState } from "@/lib/http/forms";
import { ILLUSTRATIONS } from "@/lib/shop/illustrations";

const LABELS = { name: "Name", description: "Description", price: "Price", illustration: "Drawing" };

type Values = { name: string; description: string; price: string; illustration: string };

type Props = { cookieId?: string; initial: Values; submitLabel: string; state: FormState };

/**
 * Adding a cookie (no `cookieId`) and editing one share this form. It posts to a route
 * handler (lib/shop/admin-requests.ts), which sends it back here with `state` on a mistake.
 */
export function CookieForm({ cookieId, initial, submitLabel, state }: Props) {
  const errors = state.fieldErrors ?? {};
  const values = { ...initial, ...state.values };
  return (
    <form method="post" action="/admin/cookies/save" noValidate className="stack">
      <ErrorSummary state={state} labels={LABELS} />
      {cookieId && <input type="hidden" name="cookieId" value={cookieId} />}
      <Field name="name" label={LABELS.name} errors={errors.name}>
        {(describedBy, invalid) => (
          <input id="name" name="name" type="text" required maxLength={60} defaultValue={values.name} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field name="description" label={LABELS.description} errors={errors.description} hint="What it tastes like, in a sentence or two.">
        {(describedBy, invalid) => (
          <textarea id="description" name="description" rows={3} required maxLength={300} defaultValue={values.description} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field name="price" label={LABELS.price} errors={errors.price} hint="In euros, for one cookie, like 2.50.">
        {(describedBy, invalid) => (
          <input id="price" name="price" type="text" inputMode="decimal" required defaultValue={values.price} aria-describedby={describedBy} aria-invalid={invalid || undefined} className="max-w-40" />
        )}
      </Field>
      <Field name="illustration" label={LABELS.illustration} errors={errors.illustration}>
        {(describedBy, invalid) => (
          <select id="illustration" name="illustration" defaultValue={values.illustration} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
            {Object.entries(ILLUSTRATIONS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        <NativeSubmitButton pendingText="Saving…">{submitLabel}</NativeSubmitButton>
        <Link href="/admin/cookies">Cancel</Link>
      </div>
    </form>
  );
}
