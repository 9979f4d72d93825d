import "server-only";
import { db } from "../../db/client";
import { sendMail } from "../../mail/send";
import { sendLater } from "../../mail/send-later";
import { siteUrl } from "../../config/site-url";
import { type Client, recordAuthEvent, sessionsEnded } from "../audit/trail";
import { startSessionFor } from "../nextauth/auth";
import { type LiveLink, findLiveLink, revokeEmailLinks, sendNewEmailLink, takeEmailLink } from "../links/store";
import { currentClient } from "../audit/request-client";
import { type Throttled, throttled } from "../throttle/policies";
import { passwordChangedMail, passwordResetMail } from "./mails";
import { hashPassword } from "../password/hashing";
import { hasTwoFactor } from "../two-factor/store";
import { revokeAllSessions } from "../session/rows";
import { throttles } from "../throttle/store";
import { type PublicUser, publicUserFields, toPublicUser } from "../account/public-user";

/**
 * "Forgot password" (OWASP ASVS 5.0 6.4.1–6.4.3). Asking for a link answers the same way,
 * at the same speed, whether or not the address has an account: everything that depends on
 * that runs after the answer has gone out. The link's secret works once, for an hour, for
 * the address it was sent to (lib/auth/links/store.ts).
 */

export type ResetRequestOutcome = { ok: true } | Throttled;

/** Counts the request against the email and the client address, then answers at once. */
export async function requestPasswordReset(email: string): Promise<ResetRequestOutcome> {
  const client = await currentClient();
  const allowed = await throttles.allowPasswordResetRequest(email, client.ip);
  if (!allowed.allowed) return throttled(allowed);
  sendLater("a password reset link", () => sendResetLink(email, client));
  return { ok: true };
}

async function sendResetLink(email: string, client: Client): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, active: true } });
  // No account, or a deactivated one (which only an operator can bring back): no mail.
  if (!user?.active) return;
  const sent = await sendNewEmailLink(user.id, "password-reset", email, (secret) =>
    sendMail(passwordResetMail(email, siteUrl(`/reset-password?token=${secret}`))),
  );
  if (sent) await recordAuthEvent("password-reset-requested", user.id, client);
}

/** A reset link from the page's address or form, while it still works (its `accountEmail` is whose it is). */
export function findResetLink(secret: unknown): Promise<LiveLink | null> {
  return findLiveLink(secret, "password-reset");
}

export type ResetOutcome = { ok: true; user: PublicUser; signedIn: boolean } | { ok: false; reason: "invalid-link" };

/**
 * Sets the new password, uses up the link (checked again as it is used), ends every session
 * of the account (whoever had the old password is out) and, unless two-factor is on, starts
 * a fresh one here, then tells the account's address. The new password must already have passed the policy, which
 * needs the link's account: hence the caller's findResetLink.
 */
export async function resetPasswordWithLink(link: LiveLink, newPassword: string): Promise<ResetOutcome> {
  const { userId } = link;
  const hash = await hashPassword(newPassword);
  const now = new Date();

  const reset = await db.$transaction(async (tx) => {
    if (!(await takeEmailLink(tx, link, now))) return null;
    await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
    // Every other link too: a pending email change may be the doing of whoever had the old password.
    await revokeEmailLinks(userId, undefined, tx);
    const ended = await revokeAllSessions(userId, tx);
    await tx.loginChallenge.deleteMany({ where: { userId } });
    // The link reached the address, which confirms the address as well as a confirmation link would.
    await tx.user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: now } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: publicUserFields });
    return { user: toPublicUser(user), sessionsEnded: ended };
  });
  if (!reset) return { ok: false, reason: "invalid-link" };
  // The link reached the address: that lifts a lockout or cap on its logins, as the unlock link does.
  await throttles.clearLoginFailures(reset.user.email);

  const client = await currentClient();
  // A reset link proves the address, not the second factor (OWASP ASVS 5.0 6.4.3): an account
  // with two-factor on logs in afterwards with both.
  const signedIn = !(await hasTwoFactor(userId));
  if (signedIn) await startSessionFor(reset.user, false, client);
  await recordAuthEvent("password-reset", userId, client, sessionsEnded(reset.sessionsEnded));
  notifyPasswordChanged(reset.user.email);
  return { ok: true, user: reset.user, signedIn };
}

/** "Your password was changed", after a reset or a change on the Security page. */
export function notifyPasswordChanged(email: string): void {
  sendLater("a password change notice", () => sendMail(passwordChangedMail(email, siteUrl("/forgot-password"))));
}
