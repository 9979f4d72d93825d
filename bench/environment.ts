import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { spawnServer, stopServer, waitUntilAnswering } from "../e2e/support/servers";
import { type SoftwarePasskey, softwarePasskey } from "../lib/auth/passkeys/testing";
import { hashPassword } from "../lib/auth/password/hashing";
import { sealSecret } from "../lib/auth/two-factor/secret-box";
import { newTotpSecret } from "../lib/auth/two-factor/totp";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { migratedDatabase } from "../lib/db/test-database";
import { NO_DATABASE_AT_BUILD } from "../playwright.config";
import { seedCatalog } from "../prisma/seed";

/** Where the benchmarks run: the production build, a server, a database with known users. */

export const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD_MARK = path.join(ROOT, ".next", "cookieshop-bench-source");
/** What the build is made from; a change to any of it means the build is out of date. */
const BUILD_INPUTS = ["app", "lib", "public", "middleware.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** A digest of the build's inputs (tracked and new files, not ignored ones), tests left out. */
function sourceDigest(): string {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "--", ...BUILD_INPUTS], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((file) => file && !file.endsWith(".test.ts") && existsSync(path.join(ROOT, file)))
    .sort();
  const digest = createHash("sha256");
  for (const file of files) digest.update(file).update("\0").update(readFileSync(path.join(ROOT, file))).update("\0");
  return digest.digest("hex");
}

/** Runs `npm run build` unless the last build was made by the benchmarks from this very source. */
export function buildIfNeeded(): void {
  const digest = sourceDigest();
  if (existsSync(BUILD_MARK) && readFileSync(BUILD_MARK, "utf8") === digest) {
    log("The production build is up to date.");
    return;
  }
  log("Building for production (npm run build, about a minute and a half on 2 cores)…");
  // Like the e2e suite's build: no database while building (the build must not need one).
  execFileSync("npm", ["run", "--silent", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: NO_DATABASE_AT_BUILD },
  });
  writeFileSync(BUILD_MARK, digest);
}

export const PASSWORD = "ginger snaps cooling on the rack";

/**
 * The accounts the scenarios use. Names carry the run's id, so a shared database never mixes runs.
 * The two-factor logins get fresh accounts, with and without two-factor, one per login (see
 * twoFactorCost); those with it carry the app secret the benchmark plays the phone with.
 */
export type Accounts = {
  login: string;
  storm: string;
  wrongPassword: string[];
  unknown: string[];
  withoutTwoFactor: string[];
  withTwoFactor: { email: string; secret: string }[];
  /** The account the passkey logins use, its software authenticator's key, and the counter it signs with next. */
  withPasskey: { email: string; key: SoftwarePasskey; userId: string; counter: number };
};

export function accountsFor(run: string, pairs: number, twoFactorPairs: number): Accounts {
  const address = (name: string) => `bench-${run}-${name}@example.com`;
  const numbered = (name: string, count: number) => Array.from({ length: count }, (_, i) => address(`${name}-${i}`));
  return {
    login: address("login"),
    storm: address("storm"),
    wrongPassword: numbered("known", pairs),
    unknown: numbered("unknown", pairs),
    withoutTwoFactor: numbered("one-factor", twoFactorPairs),
    withTwoFactor: numbered("two-factor", twoFactorPairs).map((email) => ({ email, secret: newTotpSecret() })),
    withPasskey: { email: address("passkey"), key: softwarePasskey(), userId: "", counter: 1 },
  };
}

/** Every account a run creates. */
function seededEmails(accounts: Accounts): string[] {
  return [
    accounts.login,
    accounts.storm,
    accounts.withPasskey.email,
    ...accounts.wrongPassword,
    ...accounts.withoutTwoFactor,
    ...accounts.withTwoFactor.map((account) => account.email),
  ];
}

/**
 * Creates the accounts that must exist, all with PASSWORD, hashed once as the app hashes it.
 * Two-factor is put straight into the database as a finished setup leaves it (as the e2e
 * suite's enableTwoFactor does), its secret sealed with the server's AUTH_SECRET.
 */
export async function seedAccounts(db: PrismaClient, accounts: Accounts, authSecret: string): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const create = (email: string) => db.user.create({ data: { email, password: { create: { hash } } } });
  for (const email of [accounts.login, accounts.storm, ...accounts.wrongPassword, ...accounts.withoutTwoFactor]) await create(email);
  const now = new Date();
  for (const { email, secret } of accounts.withTwoFactor) {
    const user = await create(email);
    await db.twoFactor.create({ data: { userId: user.id, secretBox: sealSecret(secret, user.id, authSecret), enabledAt: now, lastUsedStep: 0, createdAt: now } });
  }
  // A passkey stored as a registration leaves it, for the software authenticator to sign with.
  const { withPasskey } = accounts;
  withPasskey.userId = (await create(withPasskey.email)).id;
  await db.passkey.create({
    data: { id: withPasskey.key.credentialId, userId: withPasskey.userId, publicKey: new Uint8Array(withPasskey.key.publicKey), deviceType: "singleDevice", backedUp: false, name: "Bench" },
  });
}

/** Removes a run's accounts again (with --url, the database is someone else's). */
export async function removeAccounts(db: PrismaClient, accounts: Accounts): Promise<void> {
  await db.user.deleteMany({ where: { email: { in: seededEmails(accounts) } } });
}

/** A fresh database with the migrations and the demo catalog: SQLite, or a new database on a PostgreSQL server. */
export async function freshDatabase(postgresqlServer: string | undefined) {
  const database = await migratedDatabase("bench", postgresqlServer);
  await seedCatalog(database.client);
  return { url: database.url, db: database.client, remove: database.remove };
}

/** A new AUTH_SECRET for a server of our own; the benchmarks seal the two-factor secrets with it too. */
export function newAuthSecret(): string {
  return randomBytes(32).toString("base64url");
}

export type Server = { baseUrl: string; stop: () => Promise<void> };

/**
 * `npm run serve` in production mode on a port of its own (e2e/support/servers.ts), behind a
 * pretend proxy: it trusts X-Forwarded-For, so each benchmark request can come from its own
 * address and per-address limits never count one scenario against another.
 */
export async function startServer(databaseUrl: string, port: number, authSecret: string): Promise<Server> {
  const baseUrl = `http://127.0.0.1:${port}`;
  // Mail leaves over SMTP, as in production, to a server here that reads and drops it.
  const mail = await startMailSink(port + 1);
  const server = spawnServer(
    {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      AUTH_URL: baseUrl,
      SMTP_URL: `smtp://127.0.0.1:${port + 1}`,
      CLIENT_IP_HEADER: "x-forwarded-for",
    },
    port,
  );
  await waitUntilAnswering(server, `${baseUrl}/health`, 60_000);
  return {
    baseUrl,
    stop: async () => {
      await stopServer(server);
      await new Promise<void>((resolve) => mail.close(() => resolve()));
    },
  };
}

/** An SMTP server that accepts every message and keeps none. */
function startMailSink(port: number): Promise<SMTPServer> {
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      stream.on("data", () => {});
      stream.on("end", () => done());
    },
  });
  return new Promise((resolve, reject) => {
    sink.once("error", reject);
    sink.listen(port, "127.0.0.1", () => resolve(sink));
  });
}
