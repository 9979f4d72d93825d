"use server";

import { redirect } from "next/navigation";
import { type FormState, UNREADABLE_FORM, textField } from "../http/forms";
import { busyAware } from "./password-busy";
import { currentClient } from "../auth/audit/request-client";
import { requireUser } from "../auth/guard/dal";
import { confirmCurrentPassword } from "../auth/password/current-password";
import { tooManyAttemptsMessage } from "../auth/throttle/policies";
import { notifyTwoFactorChange } from "../auth/two-factor/notices";
import { WRONG_APP_CODE } from "./doors";
import { confirmSetup, pendingSecret, regenerateRecoveryCodes, removeTwoFactor, useAuthenticatorCode, useSecondFactor } from "../auth/two-factor/store";

// The Security page's two-factor forms. Each asks for what proves the owner is here: the
// current password to begin, a code from the app to finish; the current password and a
// code to change anything once it is on. Field names differ from form to form, because the
// page shows several forms at once and each name is also an id.

const SECURITY_PAGE = "/account/security";

/** What a two-factor form hands back: a FormState, and the recovery codes when new ones were made (shown once). */
export type TwoFactorFormState = FormState & { recoveryCodes?: string[] };

const WRONG_PASSWORD = "The password is not right.";
const ENTER_PASSWORD = "Enter your current password.";
const WRONG_CODE_OR_RECOVERY = "That code did not work. Enter the code your app shows now, or an unused recovery code.";

/** The current password, checked (counted and recorded as every such check is); a FormState when it fails. */
async function passwordProblem(user: { id: string }, formData: FormData, field: string): Promise<FormState | null> {
  const password = textField(formData, field);
  if (!password) return { message: ENTER_PASSWORD, fieldErrors: { [field]: [ENTER_PASSWORD] } };
  const check = await confirmCurrentPassword(user, password, "two-factor");
  if (check.ok) return null;
  if (check.reason === "throttled") return { message: tooManyAttemptsMessage(check.retryAfterMs) };
  return { message: WRONG_PASSWORD, fieldErrors: { [field]: [WRONG_PASSWORD] } };
}

/** Step one: the password, then the page shows a new secret as a QR code and as text. */
export const beginTwoFactorSetup = busyAware(async function beginTwoFactorSetup(_previous: TwoFactorFormState, formData: unknown): Promise<TwoFactorFormState> {
  const user = await requireUser(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const problem = await passwordProblem(user, formData, "setupPassword");
  if (problem) return problem;
  if ((await pendingSecret(user.id)) === null) redirect(`${SECURITY_PAGE}#two-factor`); // on already
  redirect(`${SECURITY_PAGE}?notice=two-factor-scan#two-factor`);
});

/** Step two: a first right code turns it on; the recovery codes are shown once. */
export async function confirmTwoFactorSetup(_previous: TwoFactorFormState, formData: unknown): Promise<TwoFactorFormState> {
  const user = await requireUser(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const codes = await confirmSetup(user.id, textField(formData, "setupCode"));
  if (!codes) return { message: WRONG_APP_CODE, fieldErrors: { setupCode: [WRONG_APP_CODE] } };
  await notifyTwoFactorChange(user, "enabled", await currentClient());
  return { success: "Two-factor login is on.", recoveryCodes: codes };
}

/** New recovery codes: the password and a current app code; the old codes stop working. */
export const makeNewRecoveryCodes = busyAware(async function makeNewRecoveryCodes(_previous: TwoFactorFormState, formData: unknown): Promise<TwoFactorFormState> {
  const user = await requireUser(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const problem = await passwordProblem(user, formData, "newCodesPassword");
  if (problem) return problem;
  const code = textField(formData, "newCodesCode");
  if (!(await useAuthenticatorCode(user.id, code))) {
    return { message: WRONG_APP_CODE, fieldErrors: { newCodesCode: [WRONG_APP_CODE] } };
  }
  const codes = await regenerateRecoveryCodes(user.id);
  if (!codes) redirect(`${SECURITY_PAGE}#two-factor`);
  await notifyTwoFactorChange(user, "recovery-codes-regenerated", await currentClient());
  return { success: "Here are your new recovery codes. The old ones no longer work.", recoveryCodes: codes };
});

/** Turning it off: the password and a current code, or a recovery code. */
export const turnOffTwoFactor = busyAware(async function turnOffTwoFactor(_previous: TwoFactorFormState, formData: unknown): Promise<TwoFactorFormState> {
  const user = await requireUser(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const problem = await passwordProblem(user, formData, "offPassword");
  if (problem) return problem;
  if (!(await useSecondFactor(user.id, textField(formData, "offCode"))).ok) {
    return { message: WRONG_CODE_OR_RECOVERY, fieldErrors: { offCode: [WRONG_CODE_OR_RECOVERY] } };
  }
  if (await removeTwoFactor(user.id)) {
    await notifyTwoFactorChange(user, "disabled", await currentClient());
  }
  redirect(`${SECURITY_PAGE}?notice=two-factor-off#two-factor`);
});
