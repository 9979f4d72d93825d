import "server-only";
import { db } from "../../db/client";
import { describeDevice } from "../audit/device";
import {
  REMEMBERED_IDLE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  sessionExpiry,
  sessionState,
  shouldRecordActivity,
} from "./lifetime";
import { type PublicUser, publicUserFields, toPublicUser } from "../account/public-user";
import { randomToken, sha256Hex } from "../../crypto/tokens";

/**
 * Server-side session records (OWASP ASVS 5.0 V7). A login creates one; the cookie carries
 * its secret, encrypted inside the Auth.js token; every request checks the record, so
 * deleting it ends the session at once wherever the cookie has been copied.
 */

/** 256 bits from the CSPRNG: the bearer secret, stored only as a hash. */
const SESSION_SECRET_BYTES = 32;
/** 128 bits from the CSPRNG: the record's public handle, used by the "Sign out" buttons. */
const SESSION_ID_BYTES = 16;
/** SESSION_ID_BYTES of base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export function hashSessionSecret(secret: string): string {
  return sha256Hex(secret);
}

export type NewSession = { remember: boolean; userAgent: string | null; ip: string };

/** Starts a session for the user and returns the secret the cookie must carry. */
export async function createSession(userId: string, details: NewSession, now = new Date()): Promise<string> {
  const secret = randomToken(SESSION_SECRET_BYTES);
  await db.session.create({
    data: {
      id: randomToken(SESSION_ID_BYTES),
      sessionToken: hashSessionSecret(secret),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expires: sessionExpiry(details.remember, now),
      remember: details.remember,
      device: describeDevice(details.userAgent),
      ip: details.ip,
    },
  });
  await deleteEndedSessions(userId, now);
  return secret;
}

/** Housekeeping: the user's sessions that have expired or gone idle. */
function deleteEndedSessions(userId: string, now: Date) {
  const idleSince = (timeoutMs: number) => new Date(now.getTime() - timeoutMs);
  return db.session.deleteMany({
    where: {
      userId,
      OR: [
        { expires: { lte: now } },
        { remember: false, lastSeenAt: { lte: idleSince(SESSION_IDLE_TIMEOUT_MS) } },
        { remember: true, lastSeenAt: { lte: idleSince(REMEMBERED_IDLE_TIMEOUT_MS) } },
      ],
    },
  });
}

export type ValidSession = { sessionId: string; user: PublicUser };

/**
 * The session a cookie's token names, if it still counts: the record exists, belongs to
 * the token's user, has neither expired nor gone idle, and the account is active. An ended
 * record is deleted on sight. Records the request as activity (at most every few minutes).
 */
export async function findValidSession(userId: string, secret: string, now = new Date()): Promise<ValidSession | null> {
  const record = await db.session.findUnique({
    where: { sessionToken: hashSessionSecret(secret) },
    select: {
      id: true,
      userId: true,
      expires: true,
      lastSeenAt: true,
      remember: true,
      user: { select: { ...publicUserFields, active: true } },
    },
  });
  if (!record || record.userId !== userId || !record.user.active) return null;
  if (sessionState(record, now) !== "active") {
    await db.session.deleteMany({ where: { id: record.id } });
    return null;
  }
  if (shouldRecordActivity(record.lastSeenAt, now)) {
    await db.session.updateMany({ where: { id: record.id }, data: { lastSeenAt: now } });
  }
  return { sessionId: record.id, user: toPublicUser(record.user) };
}

export type SessionSummary = { id: string; device: string; ip: string; createdAt: Date; lastSeenAt: Date };

/** The user's sessions that still count, most recently active first. */
export async function listActiveSessions(userId: string, now = new Date()): Promise<SessionSummary[]> {
  const records = await db.session.findMany({
    where: { userId, expires: { gt: now } },
    select: { id: true, device: true, ip: true, createdAt: true, lastSeenAt: true, expires: true, remember: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return records
    .filter((record) => sessionState(record, now) === "active")
    .map(({ id, device, ip, createdAt, lastSeenAt }) => ({ id, device, ip, createdAt, lastSeenAt }));
}

/** Ends the session whose secret a cookie carries (logout); false if it had already ended. */
export async function revokeSessionBySecret(secret: string): Promise<boolean> {
  const { count } = await db.session.deleteMany({ where: { sessionToken: hashSessionSecret(secret) } });
  return count > 0;
}

/** Ends one of the user's sessions; a session id of someone else's changes nothing (false). */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
  // Ids are what newSession makes; anything else (a hand-made post) cannot name a session.
  if (!SESSION_ID.test(sessionId)) return false;
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}

/**
 * "Sign out all other devices", and part of a password change. Returns Prisma's pending
 * query, so a caller can also run it inside a transaction.
 */
export function revokeOtherSessions(userId: string, keepSessionId: string) {
  return db.session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
}

/** Every session of the user: deactivation, the operator's `sign-out`, a password reset (in its transaction). */
export async function revokeAllSessions(userId: string, client: Pick<typeof db, "session"> = db): Promise<number> {
  const { count } = await client.session.deleteMany({ where: { userId } });
  return count;
}
