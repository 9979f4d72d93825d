import "server-only";
import { isRandomToken, randomToken, sha256Hex } from "../../crypto/tokens";
import { db } from "../../db/client";
import { type PublicUser, publicUserFields, toPublicUser } from "../account/public-user";

/**
 * A login between its two factors: the password was right, but no session exists. The
 * browser holds the challenge's secret in an HttpOnly cookie (an API client, in its answer);
 * the database keeps its hash, so any instance can finish the login. It lasts five minutes,
 * ends at the first right code, and ends after MAX_CHALLENGE_FAILURES wrong ones.
 */

export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
/** Where a browser finishes such a login; its cookie is sent to that path only. */
export const TWO_FACTOR_LOGIN_PATH = "/login/two-factor";
export const CHALLENGE_COOKIE = "two-factor-challenge";
export const MAX_CHALLENGE_FAILURES = 5;
/** 256 bits, like a session's secret. */
const CHALLENGE_SECRET_BYTES = 32;

/** The account's sealed app secret, read with the challenge so the code step need not read it again. */
export type StoredAppSecret = { secretBox: string; enabledAt: Date | null };

export type LoginChallenge = { id: string; user: PublicUser; next: string; remember: boolean; appSecret: StoredAppSecret | null };

/**
 * A new challenge for the account; returns the secret that names it. An account has one
 * waiting login at most (its unique key): a new one replaces the last, in one statement.
 */
export async function startChallenge(userId: string, next: string, remember: boolean, now = new Date()): Promise<string> {
  const secret = randomToken(CHALLENGE_SECRET_BYTES);
  const challenge = { id: sha256Hex(secret), next, remember, failures: 0, expires: new Date(now.getTime() + CHALLENGE_LIFETIME_MS), createdAt: now };
  await db.loginChallenge.upsert({ where: { userId }, create: { ...challenge, userId }, update: challenge });
  return secret;
}

/** The live challenge a secret names, or null: unknown, malformed, expired, used up, or its account deactivated. */
export async function findChallenge(secret: unknown, now = new Date()): Promise<LoginChallenge | null> {
  if (!isRandomToken(secret, CHALLENGE_SECRET_BYTES)) return null;
  const row = await db.loginChallenge.findUnique({
    where: { id: sha256Hex(secret) },
    include: { user: { select: { ...publicUserFields, active: true, twoFactor: { select: { secretBox: true, enabledAt: true } } } } },
  });
  if (!row || row.expires <= now || row.failures >= MAX_CHALLENGE_FAILURES || !row.user.active) return null;
  return { id: row.id, user: toPublicUser(row.user), next: row.next, remember: row.remember, appSecret: row.user.twoFactor };
}

/** Counts a wrong code; the challenge ends at MAX_CHALLENGE_FAILURES. Whether it is still open. */
export async function failChallenge(challenge: LoginChallenge): Promise<boolean> {
  const row = await db.loginChallenge.update({ where: { id: challenge.id }, data: { failures: { increment: 1 } } }).catch(() => null);
  if (row && row.failures < MAX_CHALLENGE_FAILURES) return true;
  await db.loginChallenge.deleteMany({ where: { id: challenge.id } });
  return false;
}

/** Ends the challenge as its login completes; false if another request ended it first. */
export async function takeChallenge(challenge: LoginChallenge): Promise<boolean> {
  const { count } = await db.loginChallenge.deleteMany({ where: { id: challenge.id } });
  return count === 1;
}
