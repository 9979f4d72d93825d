import { z } from "zod";
import type { FormState } from "../http/forms";

/**
 * The staff cookie form's last failed attempt, carried back to its page in a short-lived
 * cookie (lib/shop/admin-requests.ts). The cookie comes back from the browser, where anyone
 * can write anything into it, so reading it accepts exactly what writing it produces and
 * treats everything else as no flash at all.
 */

export const COOKIE_FORM_FIELDS = ["name", "description", "price", "illustration"] as const;
/** Typed values shown again are cut to this length: the cookie must stay small. */
export const MAX_FLASHED_VALUE = 400;

/** What a page needs to show a form's last failed attempt; `form` says which form it was. */
export type FormFlash = FormState & { form: string };

const field = z.enum(COOKIE_FORM_FIELDS);
const formFlashSchema = z.strictObject({
  form: z.string(),
  message: z.string(),
  fieldErrors: z.partialRecord(field, z.array(z.string())),
  values: z.record(field, z.string().max(MAX_FLASHED_VALUE)),
});

export function serializeFormFlash(flash: FormFlash): string {
  return Buffer.from(JSON.stringify(flash)).toString("base64url");
}

/** The flash a cookie's value holds, or null for anything serializeFormFlash did not write. */
export function parseFormFlash(value: string): FormFlash | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = formFlashSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
