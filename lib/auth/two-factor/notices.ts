import "server-only";
import { siteUrl } from "../../config/site-url";
import { sendMail } from "../../mail/send";
import { sendLater } from "../../mail/send-later";
import type { PublicUser } from "../account/public-user";
import { type AuthEventType, type Client, OPERATOR, recordAuthEvent } from "../audit/trail";
import { type TwoFactorChange, twoFactorChangedMail } from "./mails";

const EVENTS: Record<TwoFactorChange, AuthEventType> = {
  enabled: "two-factor-enabled",
  disabled: "two-factor-disabled",
  reset: "two-factor-reset",
  "recovery-codes-regenerated": "recovery-codes-regenerated",
  "recovery-code-used": "recovery-code-used",
};

/**
 * Every change to an account's second factor goes into its audit trail and to its address.
 * The operator's command line answers no request to send after: it waits for the mail, and
 * a failure is thrown to it.
 */
export async function notifyTwoFactorChange(user: Pick<PublicUser, "id" | "email">, change: TwoFactorChange, client: Client): Promise<void> {
  await recordAuthEvent(EVENTS[change], user.id, client);
  const send = () => sendMail(twoFactorChangedMail(user.email, change, siteUrl("/forgot-password")));
  if (client === OPERATOR) await send();
  else sendLater("a two-factor notice", send);
}
