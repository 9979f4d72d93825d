import { createHash } from "node:crypto";
import Database from "better-sqlite3";

/**
 * Direct access to the e2e database, for arranging states a browser cannot reach
 * (a deactivated account) and for checking what was stored. Test code only.
 */
const E2E_DATABASE_FILE = "prisma/e2e.db";

export function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(E2E_DATABASE_FILE, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function setUserActive(email: string, active: boolean): void {
  withDatabase((db) => db.prepare('UPDATE "User" SET "active" = ? WHERE "email" = ?').run(active ? 1 : 0, email));
}

export function storedPasswordHash(email: string): string | undefined {
  return withDatabase(
    (db) =>
      db
        .prepare('SELECT p."hash" AS hash FROM "Password" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ?')
        .get(email) as { hash: string } | undefined,
  )?.hash;
}

export function countUsers(email: string): number {
  return withDatabase(
    (db) => (db.prepare('SELECT COUNT(*) AS n FROM "User" WHERE "email" = ?').get(email) as { n: number }).n,
  );
}

export type StoredSession = {
  id: string;
  device: string;
  ip: string;
  remember: number;
  createdAt: string;
  lastSeenAt: string;
  expires: string;
};

export function storedSessions(email: string): StoredSession[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `SELECT s."id", s."device", s."ip", s."remember", s."createdAt", s."lastSeenAt", s."expires"
           FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ? ORDER BY s."createdAt"`,
        )
        .all(email) as StoredSession[],
  );
}

/** Dates as Prisma stores them in SQLite. */
function storedDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * Moves the user's sessions in time instead of waiting: `lastSeenAt` and `expires` are set
 * to the given distances from now (negative is in the past).
 */
export function shiftSessions(email: string, times: { lastSeenMsAgo?: number; expiresInMs?: number }): void {
  withDatabase((db) => {
    const userId = (db.prepare('SELECT "id" FROM "User" WHERE "email" = ?').get(email) as { id: string }).id;
    if (times.lastSeenMsAgo !== undefined) {
      db.prepare('UPDATE "Session" SET "lastSeenAt" = ? WHERE "userId" = ?').run(
        storedDate(new Date(Date.now() - times.lastSeenMsAgo)),
        userId,
      );
    }
    if (times.expiresInMs !== undefined) {
      db.prepare('UPDATE "Session" SET "expires" = ? WHERE "userId" = ?').run(
        storedDate(new Date(Date.now() + times.expiresInMs)),
        userId,
      );
    }
  });
}

export function setPasswordHash(email: string, hash: string): void {
  withDatabase((db) =>
    db
      .prepare('UPDATE "Password" SET "hash" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)')
      .run(hash, email),
  );
}

export function storedRole(email: string): string | undefined {
  return withDatabase(
    (db) => (db.prepare('SELECT "role" FROM "User" WHERE "email" = ?').get(email) as { role: string } | undefined)?.role,
  );
}


export type StoredAuthEvent = { type: string; ip: string; device: string; detail: string };

/** The account's audit trail, oldest first. */
export function storedAuthEvents(email: string): StoredAuthEvent[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `SELECT e."type", e."ip", e."device", e."detail" FROM "AuthEvent" e JOIN "User" u ON u."id" = e."userId"
           WHERE u."email" = ? ORDER BY e."createdAt", e."rowid"`,
        )
        .all(email) as StoredAuthEvent[],
  );
}

/** Every row of the audit trail as text, to search it for things that must never be there. */
export function allAuthEventText(): string {
  return withDatabase((db) => JSON.stringify(db.prepare('SELECT * FROM "AuthEvent"').all()));
}

/** The RateLimit key of an email's login failures (the app stores a SHA-256, never the address). */
export function emailLimitKey(email: string): string {
  return `login-email:${createHash("sha256").update(email).digest("hex")}`;
}

/** Ends a lockout or window now, as if its time had passed. */
export function expireRateLimit(key: string): void {
  withDatabase((db) =>
    db.prepare('UPDATE "RateLimit" SET "expire" = ? WHERE "key" = ?').run(storedDate(new Date(Date.now() - 1000)), key),
  );
}

