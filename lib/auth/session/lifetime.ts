/**
 * How long a session lives: the four limits, in one place, and the rule that applies them.
 * Pure (no database, no clock of its own), so it is unit-tested at every boundary.
 *
 * OWASP ASVS 5.0 7.3.1 and 7.3.2 ask for an inactivity timeout and an absolute lifetime and
 * leave the values to the application. Ours:
 */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Without "remember me": the session ends after 2 hours without a request... */
export const SESSION_IDLE_TIMEOUT_MS = 2 * HOUR_MS;
/** ...and 12 hours after login regardless: NIST SP 800-63B (rev. 3, 4.2.3) reauthentication at AAL2. */
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * HOUR_MS;
/** With "remember me": 7 days without a request... */
export const REMEMBERED_IDLE_TIMEOUT_MS = 7 * DAY_MS;
/** ...and 30 days after login regardless: NIST SP 800-63B (rev. 3, 4.1.3) reauthentication at AAL1. */
export const REMEMBERED_ABSOLUTE_LIFETIME_MS = 30 * DAY_MS;

/**
 * lastSeenAt is written at most this often, so a busy session costs one write per interval,
 * not one per request. The idle timeout is measured from the stored value, so a session can
 * end up to this much earlier than the exact limit, never later.
 */
export const LAST_SEEN_WRITE_INTERVAL_MS = 5 * MINUTE_MS;

export function idleTimeoutMs(remember: boolean): number {
  return remember ? REMEMBERED_IDLE_TIMEOUT_MS : SESSION_IDLE_TIMEOUT_MS;
}

export function absoluteLifetimeMs(remember: boolean): number {
  return remember ? REMEMBERED_ABSOLUTE_LIFETIME_MS : SESSION_ABSOLUTE_LIFETIME_MS;
}

/** When a session started now must end at the latest. */
export function sessionExpiry(remember: boolean, now: Date): Date {
  return new Date(now.getTime() + absoluteLifetimeMs(remember));
}

export type SessionTimes = { expires: Date; lastSeenAt: Date; remember: boolean };

/** Why a session record no longer counts, or "active". */
export function sessionState(session: SessionTimes, now: Date): "active" | "expired" | "idle" {
  if (now.getTime() >= session.expires.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= idleTimeoutMs(session.remember)) return "idle";
  return "active";
}

/** Whether this request should refresh lastSeenAt (see LAST_SEEN_WRITE_INTERVAL_MS). */
export function shouldRecordActivity(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS;
}
