"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FormFrame } from "@/app/_components/form-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveCookie } from "@/lib/shop/admin-actions";
import { ILLUSTRATIONS } from "@/lib/shop/illustrations";

const LABELS = { name: "Name", description: "Description", price: "Price", illustration: "Drawing" };

type Values = { name: string; description: string; price: string; illustration: string };

/** Adding a cookie (no `cookieId`) and editing one share this form and its action. */
export function CookieForm({ cookieId, initial, submitLabel }: { cookieId?: string; initial: Values; submitLabel: string }) {
  const [state, action] = useActionState(saveCookie, {});
  const errors = state.fieldErrors ?? {};
  const values = { ...initial, ...state.values };
  return (
    <FormFrame action={action} state={state} labels={LABELS}>
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
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
        <Link href="/admin/cookies">Cancel</Link>
      </div>
    </FormFrame>
  );
}
