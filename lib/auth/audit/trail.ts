import "server-only";
import { db } from "../../db/client";
import { describeDevice } from "./device";

/**
 * The audit trail (OWASP ASVS 5.0 16.3.1, 6.3.5): what happened to an account, when and
 * from where. Written for the account's owner (the activity list on /account/security) and
 * for an operator. It never holds a password, a hash, a token, or the email typed into a
 * failed login for which no account exists.
 */
export const AUTH_EVENT_TYPES = {
  registered: "Account created",
  "login-succeeded": "Logged in",
  "login-failed": "Failed login",
  "locked-out": "Logins paused after too many failures",
  "login-capped": "Password logins stopped after too many failures, until unlocked",
  "login-unlocked": "Password logins allowed again with an email link",
  "logged-out": "Logged out",
  "password-changed": "Password changed",
  "current-password-wrong": "Wrong current password entered",
  "sessions-revoked": "Sessions signed out",
  "password-reset-requested": "Password reset link sent",
  "password-reset": "Password reset with an email link",
  "email-confirmed": "Email address confirmed",
  "email-change-requested": "Email address change requested",
  "email-changed": "Email address changed",
  "two-factor-enabled": "Two-factor login turned on",
  "two-factor-disabled": "Two-factor login turned off",
  "two-factor-reset": "Two-factor login turned off by the shop, at your request",
  "recovery-codes-regenerated": "New recovery codes made, the old ones void",
  "recovery-code-used": "Logged in with a recovery code",
  "two-factor-failed": "Wrong two-factor code entered",
  "passkey-added": "Passkey added",
  "passkey-renamed": "Passkey renamed",
  "passkey-removed": "Passkey removed",
  "passkey-failed": "Passkey refused",
} as const;

export type AuthEventType = keyof typeof AUTH_EVENT_TYPES;

/** Who is at the other end of this request, as far as the server can tell. */
export type Client = { ip: string; userAgent: string | null };

/** The operator's command line: no address, no browser. */
export const OPERATOR: Client = { ip: "", userAgent: "Operator command" };

export async function recordAuthEvent(
  type: AuthEventType,
  userId: string | null,
  client: Client,
  detail = "",
): Promise<void> {
  const device = client === OPERATOR ? "Operator command" : describeDevice(client.userAgent);
  await db.authEvent.create({ data: { type, userId, ip: client.ip, device, detail } });
}

/** The detail of a password change or sign-out: how many sessions it ended. */
export function sessionsEnded(count: number): string {
  return `${count} ${count === 1 ? "session" : "sessions"} ended`;
}

export type AuthEventSummary = { id: string; type: AuthEventType; label: string; createdAt: Date; ip: string; device: string; detail: string };

/** How many events the security page lists. */
export const RECENT_ACTIVITY_LIMIT = 20;

export async function recentAuthEvents(userId: string, limit = RECENT_ACTIVITY_LIMIT): Promise<AuthEventSummary[]> {
  const events = await db.authEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, type: true, createdAt: true, ip: true, device: true, detail: true },
  });
  return events.map((event) => {
    const type = event.type as AuthEventType;
    return { ...event, type, label: AUTH_EVENT_TYPES[type] ?? event.type };
  });
}
