import "server-only";
import { db } from "../../db/client";
import { type EmailLinkPurpose, hashLinkSecret, isWellFormedLinkSecret, linkExpiry, newLinkSecret } from "./secrets";

/**
 * The rows behind one-time links sent by email (see ./secrets.ts for the secrets). A
 * link works while its row exists and has not expired; it stops working when used, when a
 * newer link of the same kind is sent, and when the password or the address changes by any
 * route (every link of the account).
 */

/** A link that worked when it was looked up; takeEmailLink checks it all again as it uses it. */
export type LiveLink = { secret: string; purpose: EmailLinkPurpose; userId: string; email: string; accountEmail: string };

type LinkTable = Pick<typeof db, "emailLink">;

/**
 * A new link for the user; any earlier link of the same purpose stops working. Returns its
 * secret. The account has one row per purpose (a unique index) and the new secret replaces
 * the old one in it, in one statement, so of simultaneous calls exactly one secret is left:
 * the last one written.
 */
export async function issueEmailLink(userId: string, purpose: EmailLinkPurpose, email: string, now = new Date()): Promise<string> {
  const secret = newLinkSecret();
  const link = { tokenHash: hashLinkSecret(secret), email, expires: linkExpiry(purpose, now), createdAt: now };
  await db.emailLink.upsert({
    where: { userId_purpose: { userId, purpose } },
    create: { userId, purpose, ...link },
    update: link,
  });
  return secret;
}

/**
 * Issues a link and hands its secret to `send` (which mails it) if it is still the live one
 * by then: of simultaneous requests, one that another has already overtaken mails nothing,
 * and the one whose link is left always mails it. Returns whether it sent.
 */
export async function sendNewEmailLink(
  userId: string,
  purpose: EmailLinkPurpose,
  email: string,
  send: (secret: string) => Promise<void>,
): Promise<boolean> {
  const secret = await issueEmailLink(userId, purpose, email);
  if (!(await findLiveLink(secret, purpose))) return false;
  await send(secret);
  return true;
}

/**
 * The link a secret from a URL or form names, if it still works; changes nothing. Malformed
 * input never reaches a query. A reset link also needs the account to be active and still
 * to have the address the link was sent to.
 */
export async function findLiveLink(secret: unknown, purpose: EmailLinkPurpose, now = new Date()): Promise<LiveLink | null> {
  if (!isWellFormedLinkSecret(secret)) return null;
  const link = await db.emailLink.findUnique({
    where: { tokenHash: hashLinkSecret(secret) },
    select: { purpose: true, email: true, expires: true, userId: true, user: { select: { email: true, active: true } } },
  });
  if (!link || link.purpose !== purpose || link.expires <= now || !link.user.active) return null;
  if (purpose === "password-reset" && link.email !== link.user.email) return null;
  return { secret, purpose, userId: link.userId, email: link.email, accountEmail: link.user.email };
}

/**
 * Uses up a link inside the caller's transaction, if it still passes findLiveLink's checks:
 * unexpired, an active account, and for a reset still the address it was sent to (the
 * account may have changed since the lookup). Exactly one of several simultaneous requests
 * with the same link gets true: the one whose delete found the row.
 */
export async function takeEmailLink(tx: LinkTable, link: LiveLink, now = new Date()): Promise<boolean> {
  const { count } = await tx.emailLink.deleteMany({
    where: {
      tokenHash: hashLinkSecret(link.secret),
      purpose: link.purpose,
      expires: { gt: now },
      user: { is: { active: true, ...(link.purpose === "password-reset" ? { email: link.email } : {}) } },
    },
  });
  return count === 1;
}

/** Ends the user's links of one purpose, or all of them. A pending query, for transactions too. */
export function revokeEmailLinks(userId: string, purpose?: EmailLinkPurpose, client: LinkTable = db) {
  return client.emailLink.deleteMany({ where: { userId, ...(purpose ? { purpose } : {}) } });
}
