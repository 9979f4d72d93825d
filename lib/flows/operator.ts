import "server-only";
import { db } from "../db/client";
import { OPERATOR, recordAuthEvent, sessionsEnded } from "../auth/audit/trail";
import { throttles } from "../auth/throttle/store";
import type { Role } from "../auth/account/roles";
import { revokeAllSessions } from "../auth/session/rows";

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
