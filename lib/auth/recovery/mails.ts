import { composeMail } from "../../mail/compose";
import type { MailMessage } from "../../mail/message";
import { EMAIL_LINK_LIFETIME_MS } from "../links/secrets";
import { LOGIN_FAILURES_BEFORE_CAP } from "../throttle/policies";

/**
 * The mail the account system sends: plain text first (what every client shows) and a
 * simple HTML twin. Links arrive whole, built by the caller from the configured site URL
 * (lib/config/site-url.ts), never from a request's Host header. Pure functions: unit-tested.
 */

/** A link's lifetime in words: "one hour", "24 hours", "7 days". */
function hours(ms: number): string {
  const count = Math.round(ms / 3_600_000);
  if (count === 1) return "one hour";
  return count > 48 && count % 24 === 0 ? `${count / 24} days` : `${count} hours`;
}

export function passwordResetMail(to: string, resetLink: string): MailMessage {
  return composeMail(to, "Reset your Cookieshop password", [
    "Someone, hopefully you, asked to reset the password of your Cookieshop account.",
    `To choose a new password, open this link within ${hours(EMAIL_LINK_LIFETIME_MS["password-reset"])}. It works once.`,
    { link: resetLink, label: "Choose a new password" },
    "If you did not ask for this, ignore this mail: your password stays as it is.",
  ]);
}

export function passwordChangedMail(to: string, forgotPasswordLink: string): MailMessage {
  return composeMail(to, "Your Cookieshop password was changed", [
    "The password of your Cookieshop account was just changed, and every other device was signed out.",
    "If that was you, there is nothing more to do.",
    "If it was not you, reset your password now with this link, then check the Security page of your account:",
    { link: forgotPasswordLink, label: "Reset my password" },
  ]);
}

export function confirmAddressMail(to: string, confirmLink: string, { change }: { change: boolean }): MailMessage {
  const lifetime = hours(EMAIL_LINK_LIFETIME_MS["confirm-email"]);
  return composeMail(to, "Confirm your email address for Cookieshop", [
    change
      ? "You asked to use this address for your Cookieshop account. It becomes your login and order address once you confirm it."
      : "Welcome to Cookieshop! Please confirm that this address is yours; you need to before you can place an order.",
    `Open this link within ${lifetime} to confirm it:`,
    { link: confirmLink, label: "Confirm my email address" },
    "If you did not ask for this, ignore this mail.",
  ]);
}

export function emailChangeRequestedMail(to: string, newAddress: string, forgotPasswordLink: string): MailMessage {
  return composeMail(to, "Your Cookieshop email address is being changed", [
    `Someone signed in to your Cookieshop account asked to change its email address to ${newAddress}. The change happens once that address is confirmed.`,
    "If that was you, there is nothing more to do.",
    "If it was not you, reset your password now: that signs out every device and cancels the change.",
    { link: forgotPasswordLink, label: "Reset my password" },
  ]);
}

export function loginUnlockMail(to: string, unlockLink: string, forgotPasswordLink: string): MailMessage {
  return composeMail(to, "Password logins to your Cookieshop account are paused", [
    `Someone tried to log in to your Cookieshop account with a wrong password ${LOGIN_FAILURES_BEFORE_CAP} times in a row, so password logins are paused. Nobody got in.`,
    `To allow them again, open this link within ${hours(EMAIL_LINK_LIFETIME_MS["unlock-login"])} and press the button. It works once.`,
    { link: unlockLink, label: "Allow logins again" },
    "If it was not you, someone may be guessing your password: choosing a new one also allows logins again.",
    { link: forgotPasswordLink, label: "Choose a new password" },
  ]);
}
