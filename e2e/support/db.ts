import Database from "better-sqlite3";

/**
 * Direct access to the e2e database, for arranging states a browser cannot reach
 * (a deactivated account) and for checking what was stored. Test code only.
 */
const E2E_DATABASE_FILE = "prisma/e2e.db";

function withDatabase<T>(work: (db: Database.Database) => T): T {
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
