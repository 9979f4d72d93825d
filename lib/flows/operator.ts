import "server-only";
import { db } from "../db/client";
import { OPERATOR, recordAuthEvent, sessionsEnded } from "../auth/audit/trail";
import { throttles } from "../auth/throttle/store";
import type { Role } from "../auth/account/roles";
import { revokeAllSessions } from "../auth/session/rows";
import { notifyTwoFactorChange } from "../auth/two-factor/notices";
import { hasTwoFactor, removeTwoFactor } from "../auth/two-factor/store";
import { failureDescription } from "../mail/send-later";

/**
 * Account administration for operators (`npm run users`). There is no web page for these
 * on purpose: granting admin or unblocking an account needs shell access to the server.
 * Each function takes a normalized email and returns null when no account has it.
 */

export type AccountSummary = { email: string; role: string; active: boolean; createdAt: Date; sessions: number };

export async function listAccounts(now = new Date()): Promise<AccountSummary[]> {
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      email: true,
      role: true,
      active: true,
      createdAt: true,
      _count: { select: { sessions: { where: { expires: { gt: now } } } } },
    },
  });
  return users.map(({ _count, ...user }) => ({ ...user, sessions: _count.sessions }));
}

async function userIdFor(email: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
}

/**
 * Deactivating also ends every session at once (OWASP ASVS 5.0 7.4.2). Activating clears
 * the email's failed logins, a cap included: the operator vouches for the owner.
 */
export async function setAccountActive(email: string, active: boolean): Promise<{ sessionsEnded: number } | null> {
  const userId = await userIdFor(email);
  if (!userId) return null;
  await db.user.update({ where: { id: userId }, data: { active } });
  if (active) {
    await throttles.clearLoginFailures(email);
    return { sessionsEnded: 0 };
  }
  const ended = await revokeAllSessions(userId);
  await recordAuthEvent("sessions-revoked", userId, OPERATOR, `Account deactivated; ${sessionsEnded(ended)}`);
  return { sessionsEnded: ended };
}

export async function setAccountRole(email: string, role: Role): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { email }, data: { role } });
  return count > 0;
}

/** Also clears the email's failed logins, a cap included, so the owner can log in afresh. */
export async function signOutEverywhere(email: string): Promise<{ sessionsEnded: number } | null> {
  const userId = await userIdFor(email);
  if (!userId) return null;
  const ended = await revokeAllSessions(userId);
  await throttles.clearLoginFailures(email);
  await recordAuthEvent("sessions-revoked", userId, OPERATOR, `By the operator; ${sessionsEnded(ended)}`);
  return { sessionsEnded: ended };
}

export type TwoFactorReset =
  | { twoFactorWasOn: false }
  | { twoFactorWasOn: true; sessionsEnded: number; noticeFailure: string | null };

/**
 * For an owner who lost both the authenticator app and the recovery codes, once the operator
 * has checked who is asking (OWASP ASVS 5.0 6.4.4): two-factor off, every session and pending
 * login ended, failed logins cleared, the audit trail and the owner told. The notice comes
 * last; if it fails, the reset stands and the failure is handed back.
 */
export async function resetTwoFactor(email: string): Promise<TwoFactorReset | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return null;
  if (!(await hasTwoFactor(user.id))) return { twoFactorWasOn: false };
  await removeTwoFactor(user.id);
  const ended = await revokeAllSessions(user.id);
  await throttles.clearLoginFailures(email);
  await recordAuthEvent("sessions-revoked", user.id, OPERATOR, `Two-factor reset by the operator; ${sessionsEnded(ended)}`);
  const noticeFailure = await notifyTwoFactorChange(user, "reset", OPERATOR).then(
    () => null,
    (error: unknown) => failureDescription(error),
  );
  return { twoFactorWasOn: true, sessionsEnded: ended, noticeFailure };
}
