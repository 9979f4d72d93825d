import "server-only";
import { cookies } from "next/headers";
import { checkAdmin } from "../auth/guard/dal";
import { loginPathFor } from "../auth/guard/next-path";
import { type FormState, formValues, invalidForm, textField } from "../http/forms";
import { plainTextResponse } from "../http/plain-text";
import { cookieSchema } from "./schemas";
import { cookiesNeedSecure } from "../http/secure-cookies";
import { createCookie, setRetired, updateCookie } from "./catalog";
import { COOKIE_FORM_FIELDS, type FormFlash, MAX_FLASHED_VALUE, parseFormFlash, serializeFormFlash } from "./form-flash";
import { isCookieId } from "./guest-cart";

/**
 * Staff's catalog changes arrive as plain form posts to route handlers under
 * /admin/cookies/ (app/admin/cookies/{save,retire,restore}/route.ts), not as server actions,
 * because only a route handler can answer with a real status: a visitor is sent to log in
 * (303), a signed-in customer gets 403 Forbidden, whoever crafted the request and however.
 * (A server action that calls forbidden() answers 200 to a JavaScript call and 404 to a
 * form post: Next.js 16, measured.) Cross-site posts never get here: middleware refuses them.
 *
 * A form with mistakes goes back to its page with the errors and the typed values in a
 * short-lived cookie (`FORM_FLASH_COOKIE`, see ./form-flash.ts), which the page reads with `flashedState`.
 */

export const ADMIN_CATALOG = "/admin/cookies";
export const FORM_FLASH_COOKIE = "admin-form";
const FLASH_MAX_AGE_SECONDS = 5 * 60;

export const STAFF_NEED_TWO_FACTOR =
  "403 Forbidden: staff accounts need two-factor login. Turn it on on your account's Security page, then try again.";
export const FORBIDDEN_MESSAGE = "403 Forbidden: this is for the shop's staff, and your account is not a staff account.";

function seeOther(location: string): Response {
  // A relative Location (RFC 9110 10.2.2): never built from the request's Host header.
  return new Response(null, { status: 303, headers: { Location: location } });
}

/** For GET on a form's address (after logging in, say): the catalog page, where the forms are. */
export function backToCatalog(): Response {
  return seeOther(ADMIN_CATALOG);
}

/** A route handler for one of staff's forms: the role check first, then the form. */
export function adminFormHandler(handle: (form: FormData) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const check = await checkAdmin();
    if (check.status === "anonymous") return seeOther(loginPathFor(ADMIN_CATALOG));
    if (check.status === "customer") return plainTextResponse(FORBIDDEN_MESSAGE, 403);
    if (check.status === "needs-two-factor") return plainTextResponse(STAFF_NEED_TWO_FACTOR, 403);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return plainTextResponse("This request could not be read as a form.", 400);
    }
    return handle(form);
  };
}

/** Adds a cookie (no `cookieId`) or edits one. */
export async function saveCookie(form: FormData): Promise<Response> {
  const cookieId = form.get("cookieId");
  if (cookieId !== null && !isCookieId(cookieId)) return plainTextResponse("That cookie does not exist.", 404);
  const formPage = cookieId === null ? `${ADMIN_CATALOG}/new` : `${ADMIN_CATALOG}/${cookieId}`;
  const parsed = cookieSchema.safeParse(formValues(form, COOKIE_FORM_FIELDS));
  if (!parsed.success) {
    const values = Object.fromEntries(COOKIE_FORM_FIELDS.map((name) => [name, textField(form, name).slice(0, MAX_FLASHED_VALUE)]));
    await flash({ form: formPage, ...invalidForm(parsed.error, values) });
    return seeOther(formPage);
  }
  (await cookies()).delete(FORM_FLASH_COOKIE);
  if (cookieId === null) {
    await createCookie(parsed.data);
    return seeOther(`${ADMIN_CATALOG}?notice=cookie-added`);
  }
  if (!(await updateCookie(cookieId, parsed.data))) return plainTextResponse("That cookie does not exist.", 404);
  return seeOther(`${ADMIN_CATALOG}?notice=cookie-saved`);
}

/** Takes a cookie off sale (retired: true; past orders keep showing it) or puts it back. */
export function changeRetirement(retired: boolean): (form: FormData) => Promise<Response> {
  return async (form) => {
    const cookieId = form.get("cookieId");
    const done = isCookieId(cookieId) && (await setRetired(cookieId, retired));
    return seeOther(`${ADMIN_CATALOG}?notice=${done ? (retired ? "cookie-retired" : "cookie-restored") : "cookie-unchanged"}`);
  };
}

async function flash(state: FormFlash): Promise<void> {
  (await cookies()).set(FORM_FLASH_COOKIE, serializeFormFlash(state), {
    httpOnly: true,
    sameSite: "strict",
    path: ADMIN_CATALOG,
    secure: await cookiesNeedSecure(),
    maxAge: FLASH_MAX_AGE_SECONDS,
  });
}

/** The failed attempt at the form on `formPage`, if that is what the flash cookie holds. */
export async function flashedState(formPage: string): Promise<FormState> {
  const value = (await cookies()).get(FORM_FLASH_COOKIE)?.value;
  // Anything else (not ours, or edited by hand) shows a fresh form.
  const flash = value ? parseFormFlash(value) : null;
  if (flash?.form !== formPage) return {};
  const { message, fieldErrors, values } = flash;
  return { message, fieldErrors, values };
}
