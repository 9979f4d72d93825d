import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseProvider, databaseProvider } from "../../lib/config/env";
import { E2E_DATABASE_URL } from "../../playwright.config";

/**
 * Direct access to the e2e database, for arranging states a browser cannot reach
 * (a deactivated account) and for checking what was stored. Test code only.
 *
 * The same helpers run on SQLite (a `file:` URL, relative to the project root) and on
 * PostgreSQL (a `postgresql://` URL), whichever E2E_DATABASE_URL names:
 * - SQL is written once, with `?` placeholders and identifiers quoted as in
 *   prisma/schema.prisma. For PostgreSQL every `?` becomes $1, $2…, by plain text
 *   replacement: never write a `?` inside a string literal, pass the value as a parameter.
 * - Results look the same on both: Boolean columns as `boolean`, DateTime columns as `Date`,
 *   integers as numbers. PostgreSQL returns COUNT(*) as text (it is a bigint), so cast it:
 *   `CAST(COUNT(*) AS INTEGER)`.
 * - Parameters may be `Date`s and booleans; each is stored as Prisma stores it there.
 */

type Dialect = DatabaseProvider;

const dialect: Dialect = databaseProvider(E2E_DATABASE_URL) ?? unsupported(E2E_DATABASE_URL);

function unsupported(url: string): never {
  throw new Error(`e2e/support/db.ts: no driver for E2E_DATABASE_URL ${url.replace(/\/\/.*@/, "//…@")}`);
}

/** Rows of a SELECT (or of a statement with RETURNING). */
export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return dialect === "sqlite" ? sqliteQuery<T>(sql, params) : (await pgQuery(sql, params)).rows as T[];
}

/** Runs a write; returns how many rows it changed. */
export async function run(sql: string, params: unknown[] = []): Promise<number> {
  return dialect === "sqlite" ? sqliteRun(sql, params) : ((await pgQuery(sql, params)).rowCount ?? 0);
}

// ---- SQLite ------------------------------------------------------------------------------

function withSqlite<T>(work: (db: Database.Database) => T): T {
  const file = path.resolve(process.cwd(), E2E_DATABASE_URL.slice("file:".length));
  const db = new Database(file, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function sqliteQuery<T>(sql: string, params: unknown[]): T[] {
  return withSqlite((db) => {
    const statement = db.prepare(sql);
    // SQLite has no Boolean or date type: Prisma stores 0/1 and ISO text. The columns'
    // declared types (from the migrations) say which values to convert back.
    const declared = new Map(statement.columns().map((column) => [column.name, column.type?.toUpperCase()]));
    const rows = statement.all(...params.map(sqliteValue)) as Record<string, unknown>[];
    for (const row of rows) {
      for (const [name, value] of Object.entries(row)) {
        if (value === null) continue;
        if (declared.get(name) === "BOOLEAN") row[name] = Boolean(value);
        else if (declared.get(name) === "DATETIME") row[name] = sqliteDate(value);
      }
    }
    return rows as T[];
  });
}

function sqliteRun(sql: string, params: unknown[]): number {
  return withSqlite((db) => db.prepare(sql).run(...params.map(sqliteValue)).changes);
}

function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00"); // as Prisma writes it
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Prisma's ISO text, SQLite's CURRENT_TIMESTAMP ("2026-11-23 10:00:00", UTC) or epoch milliseconds. */
function sqliteDate(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value).replace(" ", "T");
  return new Date(/(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text}Z`);
}

// ---- PostgreSQL --------------------------------------------------------------------------

// Prisma's DateTime is `timestamp(3)` without time zone, holding UTC. node-postgres would read
// such a value, and send a Date, in the test process's local time zone; UTC text both ways
// keeps the values right wherever the tests run.
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP && format !== "binary"
      ? utcTimestamp
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

let pool: pg.Pool | undefined;

function pgQuery(sql: string, params: unknown[]) {
  // One small pool per worker process, never closed: allowExitOnIdle lets the worker exit anyway.
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2, allowExitOnIdle: true, types: pgTypes });
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  return pool.query(text, params.map((value) => (value instanceof Date ? value.toISOString() : value)));
}

// ---- Accounts and sessions ---------------------------------------------------------------

export async function setUserActive(email: string, active: boolean): Promise<void> {
  await run('UPDATE "User" SET "active" = ? WHERE "email" = ?', [active, email]);
}

/** Ends one session as a logout elsewhere would: the row goes, any cookie naming it stays. */
export async function deleteSession(id: string): Promise<void> {
  if ((await run('DELETE FROM "Session" WHERE "id" = ?', [id])) !== 1) throw new Error(`no session ${id}`);
}

export async function storedPasswordHash(email: string): Promise<string | undefined> {
  const [row] = await query<{ hash: string }>(
    'SELECT p."hash" AS "hash" FROM "Password" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ?',
    [email],
  );
  return row?.hash;
}

export async function setPasswordHash(email: string, hash: string): Promise<void> {
  await run('UPDATE "Password" SET "hash" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)', [hash, email]);
}

export async function countUsers(email: string): Promise<number> {
  // PostgreSQL can neither store nor look up NUL: no such account can exist there.
  if (dialect === "postgresql" && email.includes("\u0000")) return 0;
  const [row] = await query<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "User" WHERE "email" = ?', [email]);
  return row?.n ?? 0;
}

export async function storedRole(email: string): Promise<string | undefined> {
  const [row] = await query<{ role: string }>('SELECT "role" FROM "User" WHERE "email" = ?', [email]);
  return row?.role;
}

export type StoredSession = {
  id: string;
  device: string;
  ip: string;
  remember: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
};

/** The account's sessions, oldest first. */
export async function storedSessions(email: string): Promise<StoredSession[]> {
  return query<StoredSession>(
    `SELECT s."id", s."device", s."ip", s."remember", s."createdAt", s."lastSeenAt", s."expires"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = ? ORDER BY s."createdAt", s."id"`,
    [email],
  );
}

/**
 * Moves the user's sessions in time instead of waiting: `lastSeenAt` and `expires` are set
 * to the given distances from now (negative is in the past).
 */
export async function shiftSessions(email: string, times: { lastSeenMsAgo?: number; expiresInMs?: number }): Promise<void> {
  const ofUser = '"userId" = (SELECT "id" FROM "User" WHERE "email" = ?)';
  if (times.lastSeenMsAgo !== undefined) {
    await run(`UPDATE "Session" SET "lastSeenAt" = ? WHERE ${ofUser}`, [new Date(Date.now() - times.lastSeenMsAgo), email]);
  }
  if (times.expiresInMs !== undefined) {
    await run(`UPDATE "Session" SET "expires" = ? WHERE ${ofUser}`, [new Date(Date.now() + times.expiresInMs), email]);
  }
}

// ---- Two-factor login ----------------------------------------------------------------------

/**
 * Turns two-factor on for the account as a confirmed setup leaves it, without an app: for
 * tests about what happens to it, not about codes. `secretBox` is stored as given.
 */
export async function turnOnTwoFactor(email: string, secretBox: string): Promise<void> {
  const now = new Date();
  const inserted = await run(
    'INSERT INTO "TwoFactor" ("userId", "secretBox", "enabledAt", "lastUsedStep", "createdAt") SELECT "id", ?, ?, 0, ? FROM "User" WHERE "email" = ?',
    [secretBox, now, now, email],
  );
  if (inserted !== 1) throw new Error(`no account for ${email}`);
}

export async function hasTwoFactorRow(email: string): Promise<boolean> {
  const [row] = await query<{ n: number }>(
    'SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "TwoFactor" t JOIN "User" u ON u."id" = t."userId" WHERE u."email" = ?',
    [email],
  );
  return (row?.n ?? 0) > 0;
}

// ---- Audit trail and rate limits ---------------------------------------------------------

export type StoredAuthEvent = { type: string; ip: string; device: string; detail: string };

/**
 * The account's audit trail, oldest first. Events of the same millisecond keep their order
 * by id: Prisma's cuid()s grow with time and with a counter inside one process.
 */
export async function storedAuthEvents(email: string): Promise<StoredAuthEvent[]> {
  return query<StoredAuthEvent>(
    `SELECT e."type", e."ip", e."device", e."detail" FROM "AuthEvent" e JOIN "User" u ON u."id" = e."userId"
     WHERE u."email" = ? ORDER BY e."createdAt", e."id"`,
    [email],
  );
}

/** Every row of the audit trail as text, to search it for things that must never be there. */
export async function allAuthEventText(): Promise<string> {
  return JSON.stringify(await query('SELECT * FROM "AuthEvent" ORDER BY "id"'));
}

/** The RateLimit key of an email's login failures (the app stores a SHA-256, never the address). */
export function emailLimitKey(email: string, counter: "login-email" | "login-cap" = "login-email"): string {
  return `${counter}:${createHash("sha256").update(email).digest("hex")}`;
}

/**
 * Arranges an email as if its last `failures` logins had all failed, for the count toward the
 * cap (LOGIN_FAILURES_BEFORE_CAP), without spending a bcrypt comparison on each: a row as the
 * store writes it, a count that never expires. The 15-minute lock's count is left alone.
 */
export async function arrangeConsecutiveFailures(email: string, failures: number): Promise<void> {
  const key = emailLimitKey(email, "login-cap");
  await run('DELETE FROM "RateLimit" WHERE "key" = ?', [key]);
  await run('INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (?, ?, NULL)', [key, failures]);
}

/** Which of the email's login counters are stored. */
export async function storedLoginCounters(email: string): Promise<string[]> {
  const keys = [emailLimitKey(email), emailLimitKey(email, "login-cap")];
  const rows = await query<{ key: string }>('SELECT "key" FROM "RateLimit" WHERE "key" IN (?, ?) ORDER BY "key"', keys);
  return rows.map((row) => row.key.slice(0, row.key.indexOf(":")));
}

/** Ends a lockout or window now, as if its time had passed. */
export async function expireRateLimit(key: string): Promise<void> {
  await run('UPDATE "RateLimit" SET "expire" = ? WHERE "key" = ?', [new Date(Date.now() - 1000), key]);
}
