"use server";

import { redirect } from "next/navigation";
import { requireAdmin } from "../auth/dal";
import { type FormState, UNREADABLE_FORM, invalidForm, textField } from "../forms";
import { cookieSchema } from "../schemas";
import { createCookie, setRetired, updateCookie } from "./catalog";
import { isCookieId } from "./guest-cart";

// Staff's catalog actions. Each starts with requireAdmin: a visitor is sent to log in and a
// customer gets 403, however the request was made (a replayed action, a hand-made POST).
// Hiding the admin links from customers is courtesy; this is the check.

const ADMIN_CATALOG = "/admin/cookies";
const FIELDS = ["name", "description", "price", "illustration"] as const;

/** Adds a cookie (no `cookieId`) or edits one. */
export async function saveCookie(_previous: FormState, formData: unknown): Promise<FormState> {
  await requireAdmin(ADMIN_CATALOG);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const cookieId = formData.get("cookieId");
  const values = Object.fromEntries(FIELDS.map((name) => [name, textField(formData, name)]));
  const parsed = cookieSchema.safeParse(Object.fromEntries(FIELDS.map((name) => [name, formData.get(name) ?? undefined])));
  if (!parsed.success) return invalidForm(parsed.error, values);

  if (cookieId === null) {
    await createCookie(parsed.data);
    redirect(`${ADMIN_CATALOG}?notice=cookie-added`);
  }
  if (!isCookieId(cookieId) || !(await updateCookie(cookieId, parsed.data))) {
    return { message: "That cookie no longer exists.", values };
  }
  redirect(`${ADMIN_CATALOG}?notice=cookie-saved`);
}

async function changeRetirement(formData: unknown, retired: boolean): Promise<void> {
  await requireAdmin(ADMIN_CATALOG);
  const cookieId = formData instanceof FormData ? formData.get("cookieId") : null;
  const done = isCookieId(cookieId) && (await setRetired(cookieId, retired));
  redirect(`${ADMIN_CATALOG}?notice=${done ? (retired ? "cookie-retired" : "cookie-restored") : "cookie-unchanged"}`);
}

/** Takes a cookie off sale; past orders keep showing it. */
export async function retireCookie(formData: unknown): Promise<void> {
  await changeRetirement(formData, true);
}

export async function restoreCookie(formData: unknown): Promise<void> {
  await changeRetirement(formData, false);
}
