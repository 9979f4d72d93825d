"use server";

import { revalidatePath } from "next/cache";
import { type FormState, UNREADABLE_FORM, textField } from "../http/forms";
import { currentClient } from "../auth/audit/request-client";
import { requireUser } from "../auth/guard/dal";
import { notifyPasskeyChange } from "../auth/passkeys/notices";
import { PASSKEY_NAME_MAX_LENGTH, removePasskey, renamePasskey } from "../auth/passkeys/store";
import { readPasskeyName } from "./passkeys";

// The Security page's passkey forms that need no authenticator: renaming and removing. They
// work without JavaScript, like every other form; adding one needs the browser's WebAuthn.

const SECURITY_PAGE = "/account/security";
const NAME_PROBLEM = `Give the passkey a name of 1 to ${PASSKEY_NAME_MAX_LENGTH} characters.`;
const GONE = "That passkey is no longer on your account.";

export async function submitPasskeyRename(_previous: FormState, formData: unknown): Promise<FormState> {
  const user = await requireUser(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const name = readPasskeyName(formData.get("passkeyName"));
  if (!name) return { message: NAME_PROBLEM, fieldErrors: { passkeyName: [NAME_PROBLEM] } };
  const oldName = await renamePasskey(user.id, textField(formData, "passkeyId"), name);
  if (oldName === null) return { message: GONE };
  if (oldName !== name) await notifyPasskeyChange(user, "renamed", name, await currentClient());
  revalidatePath(SECURITY_PAGE);
  return { success: `Renamed to “${name}”.` };
}

export async function submitPasskeyRemoval(_previous: FormState, formData: unknown): Promise<FormState> {
  const user = await requireUser(SECURITY_PAGE);
  if (!(formData instanceof FormData)) return UNREADABLE_FORM;
  const removed = await removePasskey(user.id, textField(formData, "passkeyId"));
  if (!removed.ok) {
    return { message: removed.reason === "last-way-in" ? "This is the only way left to log in to your account, so it cannot be removed." : GONE };
  }
  await notifyPasskeyChange(user, "removed", removed.name, await currentClient());
  revalidatePath(SECURITY_PAGE);
  return { success: `The passkey “${removed.name}” is removed.` };
}
