import "server-only";
import { siteUrl } from "../../config/site-url";
import { sendMail } from "../../mail/send";
import { sendLater } from "../../mail/send-later";
import type { PublicUser } from "../account/public-user";
import { type AuthEventType, type Client, recordAuthEvent } from "../audit/trail";
import { type PasskeyChange, passkeyChangedMail } from "./mails";

const EVENTS: Record<PasskeyChange, AuthEventType> = { added: "passkey-added", renamed: "passkey-renamed", removed: "passkey-removed" };

/** Every change to an account's passkeys goes into its audit trail (with the passkey's name) and, after the answer, to its address. */
export async function notifyPasskeyChange(user: Pick<PublicUser, "id" | "email">, change: PasskeyChange, name: string, client: Client): Promise<void> {
  await recordAuthEvent(EVENTS[change], user.id, client, name);
  sendLater("a passkey notice", () => sendMail(passkeyChangedMail(user.email, change, name, siteUrl("/account/security#passkeys"))));
}
