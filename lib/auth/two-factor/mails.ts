import { composeMail } from "../../mail/compose";
import type { MailMessage } from "../../mail/message";

/** What changed about an account's two-factor login; each change is mailed to the owner. */
export type TwoFactorChange = "enabled" | "disabled" | "reset" | "recovery-codes-regenerated" | "recovery-code-used";

const TWO_FACTOR_NEWS: Record<TwoFactorChange, { subject: string; news: string }> = {
  enabled: {
    subject: "Two-factor login is on for your Cookieshop account",
    news: "Two-factor login was just turned on for your Cookieshop account: logging in now also asks for a code from your authenticator app.",
  },
  disabled: {
    subject: "Two-factor login is off for your Cookieshop account",
    news: "Two-factor login was just turned off for your Cookieshop account: logging in now asks for your password only.",
  },
  reset: {
    subject: "Two-factor login is off for your Cookieshop account",
    news: "At your request, the shop turned off two-factor login for your Cookieshop account and signed out every device. You can turn it on again on the Security page.",
  },
  "recovery-codes-regenerated": {
    subject: "New recovery codes for your Cookieshop account",
    news: "New recovery codes were just made for your Cookieshop account. The old ones no longer work.",
  },
  "recovery-code-used": {
    subject: "A recovery code was used to log in to your Cookieshop account",
    news: "Someone just logged in to your Cookieshop account with one of its recovery codes. That code no longer works.",
  },
};

export function twoFactorChangedMail(to: string, change: TwoFactorChange, forgotPasswordLink: string): MailMessage {
  const { subject, news } = TWO_FACTOR_NEWS[change];
  return composeMail(to, subject, [
    news,
    "If that was you, there is nothing more to do.",
    "If it was not you, reset your password now with this link, then check the Security page of your account:",
    { link: forgotPasswordLink, label: "Reset my password" },
  ]);
}
