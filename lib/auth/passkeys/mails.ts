import { composeMail } from "../../mail/compose";
import type { MailMessage } from "../../mail/message";

/** What changed about an account's passkeys; each change is mailed to the owner. */
export type PasskeyChange = "added" | "renamed" | "removed";

const PASSKEY_NEWS: Record<PasskeyChange, { subject: string; news: (name: string) => string }> = {
  added: {
    subject: "A passkey was added to your Cookieshop account",
    news: (name) => `A passkey named “${name}” was just added to your Cookieshop account. It can now be used to log in.`,
  },
  renamed: {
    subject: "A passkey of your Cookieshop account was renamed",
    news: (name) => `A passkey of your Cookieshop account was just renamed to “${name}”.`,
  },
  removed: {
    subject: "A passkey was removed from your Cookieshop account",
    news: (name) => `The passkey named “${name}” was just removed from your Cookieshop account. It can no longer be used to log in.`,
  },
};

export function passkeyChangedMail(to: string, change: PasskeyChange, name: string, securityPageLink: string): MailMessage {
  const { subject, news } = PASSKEY_NEWS[change];
  return composeMail(to, subject, [
    news(name),
    "If that was you, there is nothing more to do.",
    "If it was not you, check the passkeys and sessions on the Security page of your account and change your password:",
    { link: securityPageLink, label: "Open the Security page" },
  ]);
}
