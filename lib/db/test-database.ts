import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import pg from "pg";
import { applyMigrations } from "../../prisma/migrate";
import { createDatabaseClient } from "./create-client";
import { type DatabaseProvider, MIN_LOCAL_BCRYPT_COST, databaseProvider } from "../config/env";
import type { PrismaClient } from "../generated/prisma/client";

/**
 * For tests that need the real thing: a fresh, empty database of their own. By default a
 * SQLite file in a temporary directory; when TEST_DATABASE_URL names a PostgreSQL server
 * (`npm run test:postgresql`), a new database on it, created through that URL's database.
 */

/** The PostgreSQL server the tests use, if any: a URL whose role may create databases. */
export function testPostgresqlUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && databaseProvider(url) === "postgresql" ? url : undefined;
}

export type TestDatabase = { url: string; remove: () => Promise<void> };

/** An empty database (no tables), on the tests' database unless `provider` says; `remove` deletes it. */
export async function emptyTestDatabase(label: string, provider?: DatabaseProvider): Promise<TestDatabase> {
  const server = testPostgresqlUrl();
  if (provider === "postgresql" && !server) throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server.");
  return emptyDatabase(label, provider === "sqlite" ? undefined : server);
}

/**
 * An empty database: a SQLite file in a temporary directory, or, given a PostgreSQL server's
 * URL (whose role may create databases), a new database on that server. The benchmarks use it too.
 */
export async function emptyDatabase(label: string, postgresqlServer?: string): Promise<TestDatabase> {
  if (!postgresqlServer) {
    const directory = mkdtempSync(path.join(tmpdir(), `cookieshop-${label}-`));
    return {
      url: `file:${path.join(directory, "test.db")}`,
      remove: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const name = `cookieshop_test_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  await onServer(postgresqlServer, `CREATE DATABASE "${name}"`);
  const url = new URL(postgresqlServer);
  url.pathname = `/${name}`;
  return { url: url.toString(), remove: () => dropDatabase(postgresqlServer, name) };
}

/**
 * Drops a test database, ending its connections. PostgreSQL refuses, now and then, when one of
 * them belongs to a role this one may not signal (seen once in a suite's teardown); that one
 * ends soon, so the drop is tried again a few times before it fails.
 */
async function dropDatabase(server: string, name: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } catch (error) {
      const insufficientPrivilege = (error as { code?: string }).code === "42501";
      if (!insufficientPrivilege || attempt === attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export type MigratedDatabase = { url: string; client: PrismaClient; remove: () => Promise<void> };

/** A database with the committed migrations applied, and a client for it; `remove` disconnects and deletes it. */
export function migratedTestDatabase(label: string): Promise<MigratedDatabase> {
  return migratedDatabase(label, testPostgresqlUrl());
}

/** The same on a SQLite file or on the PostgreSQL server given (the benchmarks' database). */
export async function migratedDatabase(label: string, postgresqlServer?: string): Promise<MigratedDatabase> {
  const database = await emptyDatabase(label, postgresqlServer);
  await applyMigrations(database.url);
  const client = createDatabaseClient(database.url, { poolSize: 10 });
  return {
    url: database.url,
    client,
    remove: async () => {
      await client.$disconnect();
      await database.remove();
    },
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A stored password for a test that is not about hashing: bcrypt at its minimum cost, which
 * verifies like any other hash (the comparison runs at the hash's own cost).
 */
export function cheapHash(password: string): Promise<string> {
  return bcrypt.hash(password.normalize("NFKC"), MIN_LOCAL_BCRYPT_COST);
}

/**
 * The app's database module (./client.ts) with `db` read from `holder` each time it is used,
 * for `vi.mock(".../db/client", async (importActual) => (await import(".../db/test-database")).databaseModuleOn(holder, importActual))`:
 * a test sets `holder.client` once its database exists; everything else is the real module's.
 */
export async function databaseModuleOn(holder: { client?: PrismaClient }, importActual: <T>() => Promise<T>) {
  const actual = await importActual<typeof import("./client")>();
  return {
    ...actual,
    get db() {
      return holder.client;
    },
  };
}
