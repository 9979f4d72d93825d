/**
 * `npm run bench`: how close the auth paths come to their physical floors (README "Benchmarks").
 *
 *   npm run bench                                   build if needed, own server, fresh SQLite
 *   npm run bench -- --postgresql <server URL>      the same on a new database on that server
 *   npm run bench -- --url <base URL> --database <its DATABASE_URL>
 *                                                   an already running server (it must trust
 *                                                   X-Forwarded-For: CLIENT_IP_HEADER; its
 *                                                   AUTH_SECRET in this environment)
 *   npm run bench -- --only storm,enumeration      some scenarios only (RESULTS.md untouched)
 *
 * Ports: the server on --port (3200 unless told), its mail sink on the next, and for
 * middleware-cost the same source built with an empty middleware on the one after.
 *
 * Prints the table and writes it to bench/RESULTS.md. Exits 0 even when a target is missed:
 * the numbers are a report, not a test (machines here are noisy).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseProvider } from "../lib/config/env";
import { createDatabaseClient } from "../lib/db/create-client";
import {
  type Server,
  ROOT,
  accountsFor,
  bareMiddlewareBuildIfNeeded,
  buildIfNeeded,
  freshDatabase,
  newAuthSecret,
  removeAccounts,
  seedAccounts,
  startServer,
  startServerIn,
} from "./environment";
import { resultsDocument, resultsTable, thisMachine } from "./report";
import {
  type Context,
  type Row,
  compareMilliseconds,
  enumeration,
  firstLoadJs,
  hashFloor,
  loginScale,
  middlewareCost,
  passkeyLogin,
  refusalCost,
  resetEnumeration,
  sessionCost,
  storm,
  stuffing,
  twoFactorCost,
} from "./scenarios";
import { addressSequence, round } from "./stats";

const ENUMERATION_PAIRS = 200;
/** Logins with and without two-factor, each on a fresh account; the first two pairs warm up. */
const TWO_FACTOR_PAIRS = 42;
/**
 * Existing accounts (and as many unknown emails) for stuffing, so that every attempt has an
 * email of its own: 10 s at up to 1,000 attempts a second. Seeded only when stuffing runs.
 */
const STUFFED_PAIRS = 5000;

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run bench [-- --postgresql <server URL> | --url <base URL> --database <URL>] [--port N] [--only id,id]`,
  );
  process.exit(2);
}

/** The commit measured, and whether the code differed from it (the README and the results do not count). */
function commit(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  const changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!README.md", ":!bench/RESULTS.md");
  return git("rev-parse", "--short", "HEAD") + (changed ? " (with uncommitted changes)" : "");
}

async function main() {
  const { values } = parseArgs({
    options: {
      postgresql: { type: "string" },
      url: { type: "string" },
      database: { type: "string" },
      port: { type: "string" },
      only: { type: "string" },
    },
  });
  if (values.url && !values.database) usage("--url needs --database: the benchmarks add their accounts to the server's database.");
  if (values.database && !values.url) usage("--database goes with --url; use --postgresql to benchmark a fresh PostgreSQL database.");
  if (values.postgresql && databaseProvider(values.postgresql) !== "postgresql") usage("--postgresql takes a postgresql:// URL.");
  // The two-factor accounts' secrets are sealed with the server's AUTH_SECRET.
  const authSecret = values.url ? process.env.AUTH_SECRET : newAuthSecret();
  if (!authSecret) usage("--url needs the server's AUTH_SECRET in the environment: the two-factor accounts are sealed with it.");
  const port = Number(values.port ?? 3200);
  const only = values.only?.split(",").map((id) => id.trim());
  const wants = (id: string) => !only || only.includes(id);

  const started = performance.now();
  const run = Date.now().toString(36);
  const accounts = accountsFor(run, ENUMERATION_PAIRS, TWO_FACTOR_PAIRS, wants("stuffing") ? STUFFED_PAIRS : 0);
  const cleanUp: Array<() => Promise<void>> = [];
  const machine = thisMachine();
  let server: Server;
  let database: string;
  let db: Context["db"];
  let bareMiddlewareUrl: string | undefined;
  try {
    if (values.url) {
      db = createDatabaseClient(values.database!, { poolSize: 2 });
      await seedAccounts(db, accounts, authSecret);
      cleanUp.push(async () => (await removeAccounts(db, accounts), await db.$disconnect()));
      server = { baseUrl: values.url.replace(/\/$/, ""), stop: async () => {} };
      database = `${databaseProvider(values.database!) === "postgresql" ? "PostgreSQL" : "SQLite"}, the server's own`;
    } else {
      buildIfNeeded();
      // middleware-cost's second server: the same source with an empty middleware.
      const bareBuild = wants("middleware-cost") ? bareMiddlewareBuildIfNeeded() : undefined;
      const fresh = await freshDatabase(values.postgresql);
      cleanUp.push(fresh.remove);
      db = fresh.db;
      await seedAccounts(fresh.db, accounts, authSecret);
      server = await startServer(fresh.url, port, authSecret);
      cleanUp.unshift(server.stop);
      if (bareBuild) {
        const bare = await startServerIn(bareBuild, fresh.url, port + 2, authSecret, port + 1);
        cleanUp.unshift(bare.stop);
        bareMiddlewareUrl = bare.baseUrl;
        console.log(`[bench] The same build with an empty middleware on ${bare.baseUrl}`);
      }
      database = values.postgresql ? "PostgreSQL, a fresh database" : "SQLite, a fresh file";
      console.log(`[bench] Server on ${server.baseUrl}`);
    }

    const context: Context = {
      baseUrl: server.baseUrl,
      accounts,
      cores: machine.cores,
      nextAddress: addressSequence(),
      db,
      provider: databaseProvider(values.url ? values.database! : (values.postgresql ?? "file:")) ?? "sqlite",
      ownDatabase: !values.url,
      bareMiddlewareUrl,
    };
    const rows: Row[] = [];
    const step = async (name: string, scenario: () => Promise<Row>) => {
      if (!wants(name)) return;
      console.log(`[bench] ${name}…`);
      const row = await scenario();
      rows.push(row);
      console.log(`[bench] ${row.id}: ${row.checks.map((check) => round(check.value) + check.unit).join("; ")} (${row.details})`);
    };
    // The median bcrypt comparison in this process: the floor both login scenarios are held to.
    const compareMs = wants("hash-floor") || wants("login-scale") ? await compareMilliseconds(15) : 0;
    await step("hash-floor", () => hashFloor(context, compareMs));
    await step("login-scale", () => loginScale(context, compareMs));
    await step("two-factor", () => twoFactorCost(context));
    await step("passkey-login", () => passkeyLogin(context));
    await step("session-cost", () => sessionCost(context));
    if (bareMiddlewareUrl || !wants("middleware-cost")) await step("middleware-cost", () => middlewareCost(context));
    else console.log("[bench] middleware-cost skipped: with --url there is no build with an empty middleware to compare with.");
    await step("enumeration", () => enumeration(context));
    await step("reset-enumeration", () => resetEnumeration(context));
    await step("refusal-cost", () => refusalCost(context)); // locks an account of its own
    await step("stuffing", () => stuffing(context));
    await step("storm", () => storm(context)); // last of the logins: it locks its account out
    await step("first-load JS", () => firstLoadJs(context));

    const info = {
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      commit: commit(),
      database,
      server: values.url ? `already running at ${values.url}` : "npm run serve, started by the benchmarks",
      seconds: (performance.now() - started) / 1000,
    };
    console.log(`\n${resultsTable(rows)}\n`);
    if (only) return;
    writeFileSync(path.join(ROOT, "bench", "RESULTS.md"), resultsDocument(rows, machine, info));
    console.log(`[bench] Wrote bench/RESULTS.md (${Math.round(info.seconds)} s in all).`);
  } finally {
    for (const step of cleanUp) await step().catch((error: unknown) => console.error(error));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
