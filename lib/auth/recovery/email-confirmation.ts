import "server-only";
import { db, isUniqueViolation } from "../../db/client";
import { sendMail } from "../../mail/send";
import { sendLater } from "../../mail/send-later";
import { siteUrl } from "../../config/site-url";
import { recordAuthEvent } from "../audit/trail";
import { confirmCurrentPassword } from "../password/current-password";
import { findLiveLink, revokeEmailLinks, sendNewEmailLink, takeEmailLink } from "../links/store";
import { confirmAddressMail, emailChangeRequestedMail } from "./mails";
import { throttles } from "../throttle/store";
import { currentClient } from "../audit/request-client";
import { type Throttled, throttled } from "../throttle/policies";
import type { PublicUser } from "../account/public-user";

/**
 * Proving an address is the account owner's: after registration (needed before the first
 * order) and when the owner moves the account to a new address. Both send a link that works
 * once, for 24 hours, to the address in question; opening it and confirming makes that the
 * account's verified address. Until then an email change is only pending: the account
 * keeps its old address, which is told of the request.
 */

/** Sends a confirmation link for `address` (the account's own, or the one it is moving to). */
export function sendConfirmationLink(user: Pick<PublicUser, "id" | "email">, address = user.email): void {
  sendLater("an address confirmation link", async () => {
    await sendNewEmailLink(user.id, "confirm-email", address, (secret) =>
      sendMail(confirmAddressMail(address, siteUrl(`/verify-email?token=${secret}`), { change: address !== user.email })),
    );
  });
}

export type ResendOutcome = { ok: true; alreadyConfirmed: boolean } | Throttled;

/** "Send the link again" for the account's current address. */
export async function resendConfirmationLink(user: PublicUser): Promise<ResendOutcome> {
  if (user.emailVerified) return { ok: true, alreadyConfirmed: true };
  const allowed = await throttles.allowAccountMailRequest(user.id);
  if (!allowed.allowed) return throttled(allowed);
  sendConfirmationLink(user);
  return { ok: true, alreadyConfirmed: false };
}

export type EmailChangeOutcome =
  | { ok: true }
  | { ok: false; reason: "wrong-password" | "same-address" | "email-taken" }
  | Throttled;

/**
 * Asks to move the account to `newEmail` (normalized): needs the current password, sends a
 * confirmation link to the new address and a notice to the old one. Counted per account as
 * mail before the password is checked, and the check counts as one (../password/current-password.ts).
 */
export async function requestEmailChange(user: PublicUser, currentPassword: string, newEmail: string): Promise<EmailChangeOutcome> {
  const allowed = await throttles.allowAccountMailRequest(user.id);
  if (!allowed.allowed) return throttled(allowed);
  const password = await confirmCurrentPassword(user, currentPassword, "email-change");
  if (!password.ok) return password;
  if (newEmail === user.email) return { ok: false, reason: "same-address" };
  // Registration says the same of a taken address, so saying it here tells nothing new.
  if (await db.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return { ok: false, reason: "email-taken" };

  await recordAuthEvent("email-change-requested", user.id, await currentClient());
  sendConfirmationLink(user, newEmail);
  sendLater("an email change notice", () =>
    sendMail(emailChangeRequestedMail(user.email, newEmail, siteUrl("/forgot-password"))),
  );
  return { ok: true };
}

/** The address a confirmation link is for, while it still works: the page asks before showing its button. */
export async function confirmationLinkAddress(secret: unknown): Promise<{ email: string; change: boolean } | null> {
  const link = await findLiveLink(secret, "confirm-email");
  return link && { email: link.email, change: link.email !== link.accountEmail };
}

export type ConfirmOutcome = { ok: true; changed: boolean } | { ok: false; reason: "invalid-link" | "email-taken" };

/**
 * Uses up the link and makes its address the account's confirmed one. A change also ends
 * every other link of the account: they were sent to, or for, the old address.
 */
export async function confirmEmailWithLink(secret: string): Promise<ConfirmOutcome> {
  const link = await findLiveLink(secret, "confirm-email");
  if (!link) return { ok: false, reason: "invalid-link" };
  const changed = link.email !== link.accountEmail;
  const now = new Date();
  try {
    const taken = await db.$transaction(async (tx) => {
      if (!(await takeEmailLink(tx, link, now))) return false;
      await tx.user.update({ where: { id: link.userId }, data: { email: link.email, emailVerified: now } });
      if (changed) await revokeEmailLinks(link.userId, undefined, tx);
      return true;
    });
    if (!taken) return { ok: false, reason: "invalid-link" };
  } catch (error) {
    // Someone registered the new address between the request and its confirmation.
    if (isUniqueViolation(error)) return { ok: false, reason: "email-taken" };
    throw error;
  }
  await recordAuthEvent(changed ? "email-changed" : "email-confirmed", link.userId, await currentClient());
  return { ok: true, changed };
}
