import "server-only";
import { db } from "../../db/client";
import { sendMail } from "../../mail/send";
import { sendLater } from "../../mail/send-later";
import { siteUrl } from "../../config/site-url";
import { recordAuthEvent } from "../audit/trail";
import { findLiveLink, sendNewEmailLink, takeEmailLink } from "../links/store";
import { loginUnlockMail } from "./mails";
import { throttles } from "../throttle/store";
import { currentClient } from "../audit/request-client";

/**
 * The way back after an email's password logins were capped (LOGIN_FAILURES_BEFORE_CAP in
 * ../throttle/policies.ts): a link mailed to the address, once per cap, that clears its failure
 * counts. A password reset clears them too (./password-reset.ts), and stays the way back
 * when this link has expired unused.
 */

/**
 * Mails the unlock link, after the answer has gone out: the login that reached the cap
 * answers the same, at the same speed, for every email. No account, or a deactivated one
 * (which only an operator can bring back): no mail.
 */
export function sendUnlockLink(email: string): void {
  sendLater("a login unlock link", async () => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, active: true } });
    if (!user?.active) return;
    await sendNewEmailLink(user.id, "unlock-login", email, (secret) =>
      sendMail(loginUnlockMail(email, siteUrl(`/unlock?token=${secret}`), siteUrl("/forgot-password"))),
    );
  });
}

/** The address an unlock link is for, while it still works: the page asks before showing its button. */
export async function unlockLinkAddress(secret: unknown): Promise<string | null> {
  return (await findLiveLink(secret, "unlock-login"))?.email ?? null;
}

/** Uses up the link and forgets the address's failed logins; false for a used, expired or forged link. */
export async function unlockLogins(secret: unknown): Promise<boolean> {
  const link = await findLiveLink(secret, "unlock-login");
  // The delete decides between simultaneous uses of one link: only one records the event.
  if (!link || !(await takeEmailLink(db, link))) return false;
  await throttles.clearLoginFailures(link.email);
  await recordAuthEvent("login-unlocked", link.userId, await currentClient());
  return true;
}
