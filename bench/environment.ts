import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { type ServerProcess, spawnServer, stopServer, waitUntilAnswering } from "../e2e/support/servers";
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
  productionBuild(ROOT);
  writeFileSync(BUILD_MARK, digest);
}

/** `npm run build` in `dir`, like the e2e suite's build: no database while building (the build must not need one). */
function productionBuild(dir: string): void {
  execFileSync("npm", ["run", "--silent", "build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: NO_DATABASE_AT_BUILD },
  });
}

/** The empty-middleware builds of this checkout (another checkout's are left alone: it may be running). */
const BARE_MIDDLEWARE_PREFIX = `cookieshop-bench-bare-middleware-${createHash("sha256").update(ROOT).digest("hex").slice(0, 8)}-`;

/**
 * The same project built with a middleware that only calls NextResponse.next() (and keeps
 * the real one's matcher), for middleware-cost: what Next.js charges for running a
 * middleware at all, against which ours is measured. A copy of the source in the temporary
 * directory, kept for the same source digest, so repeated runs build it once. node_modules
 * is hard-linked rather than symlinked: Turbopack refuses a symlink out of the project's root.
 * Returns the copy's directory.
 */
export function bareMiddlewareBuildIfNeeded(): string {
  const digest = sourceDigest();
  const name = BARE_MIDDLEWARE_PREFIX + digest.slice(0, 16);
  const dir = path.join(tmpdir(), name);
  const mark = path.join(dir, ".next", "cookieshop-bench-source");
  if (existsSync(mark) && readFileSync(mark, "utf8") === digest) {
    log("The build with an empty middleware is up to date.");
    return dir;
  }
  for (const old of readdirSync(tmpdir()).filter((entry) => entry.startsWith(BARE_MIDDLEWARE_PREFIX))) {
    rmSync(path.join(tmpdir(), old), { recursive: true, force: true });
  }
  log(`Building the project with an empty middleware in ${dir} (another production build)…`);
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\n");
  for (const file of files.filter((file) => file && existsSync(path.join(ROOT, file)))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")]);
  cpSync(path.join(ROOT, "lib", "generated"), path.join(dir, "lib", "generated"), { recursive: true });
  writeFileSync(path.join(dir, "middleware.ts"), bareMiddleware(readFileSync(path.join(ROOT, "middleware.ts"), "utf8")));
  productionBuild(dir);
  writeFileSync(mark, digest);
  return dir;
}

/** A middleware that hands every request on untouched, with `source`'s `config` (its matcher) copied verbatim. */
export function bareMiddleware(source: string): string {
  const config = source.match(/^export const config = \{[\s\S]*?^\};$/m)?.[0];
  if (!config) throw new Error("middleware.ts has no `export const config = { … };` block to copy.");
  return [
    "// Written by bench/environment.ts: the app's matcher, and a middleware that does nothing.",
    'import { NextResponse } from "next/server";',
    "",
    "export default function middleware() {",
    "  return NextResponse.next();",
    "}",
    "",
    config,
    "",
  ].join("\n");
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
  /** The account refusal-cost locks before it measures the refusals. */
  refusal: string;
  /** The customer who logs in with the right password while stuffing runs. */
  customer: string;
  /** Existing accounts that stuffing tries a wrong password on, once each… */
  stuffedKnown: string[];
  /** …and emails without an account that it tries beside them (never seeded). */
  stuffedUnknown: string[];
  wrongPassword: string[];
  unknown: string[];
  withoutTwoFactor: string[];
  withTwoFactor: { email: string; secret: string }[];
  /** The account the passkey logins use, its software authenticator's key, and the counter it signs with next. */
  withPasskey: { email: string; key: SoftwarePasskey; userId: string; counter: number };
};

export function accountsFor(run: string, pairs: number, twoFactorPairs: number, stuffedPairs: number): Accounts {
  const address = (name: string) => `bench-${run}-${name}@example.com`;
  const numbered = (name: string, count: number) => Array.from({ length: count }, (_, i) => address(`${name}-${i}`));
  return {
    login: address("login"),
    storm: address("storm"),
    refusal: address("refusal"),
    customer: address("customer"),
    stuffedKnown: numbered("stuffed-known", stuffedPairs),
    stuffedUnknown: numbered("stuffed-unknown", stuffedPairs),
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
    accounts.refusal,
    accounts.customer,
    ...accounts.stuffedKnown,
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
  for (const email of [accounts.login, accounts.storm, accounts.refusal, accounts.customer, ...accounts.wrongPassword, ...accounts.withoutTwoFactor]) await create(email);
  // Thousands for stuffing: in bulk, all with the same hash.
  await db.user.createMany({ data: accounts.stuffedKnown.map((email) => ({ email })) });
  const stuffed = await db.user.findMany({ where: { email: { in: accounts.stuffedKnown } }, select: { id: true } });
  await db.password.createMany({ data: stuffed.map(({ id }) => ({ userId: id, hash })) });
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
  const server = spawnServer(serverEnvironment(databaseUrl, baseUrl, authSecret, port + 1), port);
  await waitUntilAnswering(server, `${baseUrl}/health`, 60_000);
  return {
    baseUrl,
    stop: async () => {
      await stopServer(server);
      await new Promise<void>((resolve) => mail.close(() => resolve()));
    },
  };
}

function serverEnvironment(databaseUrl: string, baseUrl: string, authSecret: string, mailPort: number): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    AUTH_URL: baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
    CLIENT_IP_HEADER: "x-forwarded-for",
  };
}

/**
 * The build in `dir` (bareMiddlewareBuildIfNeeded) served as `npm run serve` serves ours, with
 * the same environment, on `port`; its mail goes to the sink at `mailPort`.
 */
export async function startServerIn(dir: string, databaseUrl: string, port: number, authSecret: string, mailPort: number): Promise<Server> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts", "--port", String(port)], {
    cwd: dir,
    env: { ...process.env, ...serverEnvironment(databaseUrl, baseUrl, authSecret, mailPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const server: ServerProcess = { child, output: () => output };
  await waitUntilAnswering(server, `${baseUrl}/health`, 60_000);
  return { baseUrl, stop: async () => void (await stopServer(server)) };
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
