import { z } from "zod";

/** What a form action hands back to its form: a summary, errors per field, values to keep. */
export type FormState = {
  /** What went wrong, for the error summary. */
  message?: string;
  /** What went right, when the form stays on the page. */
  success?: string;
  fieldErrors?: Partial<Record<string, string[]>>;
  /** Entered values to show again. Never a password. */
  values?: Record<string, string>;
};

/** The answer to an action called with something other than a form (only a hand-made call does that). */
export const UNREADABLE_FORM: FormState = { message: "The form could not be read. Please reload the page and try again." };

export function invalidForm(error: z.ZodError, values: Record<string, string>): FormState {
  return {
    message: "Please correct the highlighted fields.",
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    values,
  };
}

/**
 * The named fields of what an action or route was sent, ready for a zod schema: missing ones
 * are `undefined`, and anything that is not a form gives null (which every schema refuses).
 */
export function formValues(formData: unknown, names: readonly string[]): Record<string, unknown> | null {
  if (!(formData instanceof FormData)) return null;
  return Object.fromEntries(names.map((name) => [name, formData.get(name) ?? undefined]));
}

/** A text field from a form post; files and missing fields read as "". */
export function textField(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
