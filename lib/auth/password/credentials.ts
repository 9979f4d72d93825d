import "server-only";
import { db, isUniqueViolation } from "../../db/client";
import { PasswordWorkBusy, hashForUnknownUser, hashNeedsUpgrade, hashPassword, verifyPassword } from "./hashing";
import { revokeEmailLinks } from "../links/store";
import { revokeOtherSessions } from "../session/rows";
import { type PublicUser, publicUserFields, toPublicUser } from "../account/public-user";

export type Registration = { ok: true; user: PublicUser } | { ok: false; reason: "email-taken" };

/** Creates an account. The email must already be normalized (the zod schemas do that). */
export async function registerUser(email: string, password: string): Promise<Registration> {
  // Registration says when an address is taken anyway; saying it before hashing spares a
  // bcrypt run per repeated attempt. Two signups racing past this meet the unique index.
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false, reason: "email-taken" };
  const hash = await hashPassword(password);
  try {
    const user = await db.user.create({
      data: { email, password: { create: { hash } } },
      select: publicUserFields,
    });
    return { ok: true, user: toPublicUser(user) };
  } catch (error) {
    // The unique index on the normalized email decides races between two signups.
    if (isUniqueViolation(error)) {
      return { ok: false, reason: "email-taken" };
    }
    throw error;
  }
}

/**
 * Whether the email and password belong together. On failure, `userId` names the account
 * the email belongs to (for its audit trail), or is null when there is none; callers must
 * answer both cases the same way. An unknown or deactivated account costs the same bcrypt
 * comparison as a wrong password, so the timing says nothing about which emails exist.
 */
export type CredentialCheck = { ok: true; user: PublicUser } | { ok: false; userId: string | null };

export async function verifyCredentials(email: string, password: string): Promise<CredentialCheck> {
  const user = await db.user.findUnique({
    where: { email },
    select: { ...publicUserFields, active: true, password: { select: { hash: true } } },
  });
  const hash = user?.password?.hash ?? (await hashForUnknownUser());
  const matches = await verifyPassword(password, hash);
  if (!user || !user.active || !user.password || !matches) return { ok: false, userId: user?.id ?? null };
  // The one moment the plain password is at hand: bring an old, cheaper hash up to today's cost.
  // Best effort: when the threads are busy it waits for a later login.
  if (hashNeedsUpgrade(hash)) await storePassword(user.id, password).catch(ignoreBusy);
  return { ok: true, user: toPublicUser(user) };
}

function ignoreBusy(error: unknown): void {
  if (!(error instanceof PasswordWorkBusy)) throw error;
}

async function storePassword(userId: string, password: string) {
  await db.password.update({ where: { userId }, data: { hash: await hashPassword(password) } });
}

/**
 * Sets a new password and ends every other session of the user in the same transaction
 * (OWASP ASVS 5.0 7.4.3); the session making the change stays. Links sent before the change
 * stop working too: reset links, a pending email change (which someone who knew the old
 * password may have asked for), and logins waiting for a second factor. The caller has
 * confirmed the current password first (./current-password.ts).
 */
export async function storeNewPassword(userId: string, keepSessionId: string, newPassword: string): Promise<{ otherSessionsEnded: number }> {
  const hash = await hashPassword(newPassword);
  const [, ended] = await db.$transaction([
    db.password.update({ where: { userId }, data: { hash } }),
    revokeOtherSessions(userId, keepSessionId),
    revokeEmailLinks(userId),
    // A login waiting for its code began with the old password: it ends too.
    db.loginChallenge.deleteMany({ where: { userId } }),
  ]);
  return { otherSessionsEnded: ended.count };
}
