import { z } from "zod";
import { OWN_SERVER_MARKER, clientIpHeaderProblem } from "../http/client-ip";
import { hasControlCharacter } from "../text/control-characters";

/**
 * Configuration, validated once with zod. Importable from the Prisma CLI config and the
 * operator scripts as well as the app, so it holds no secrets of its own and no server-only
 * guard; it only reads the environment.
 */

/** The embedded default: a SQLite file inside the project, git-ignored. */
export const DEFAULT_DATABASE_URL = "file:./prisma/cookieshop.db";
/** Connections each server instance may open to PostgreSQL, unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_POOL_SIZE = 5;
const MAX_POOL_SIZE = 100;
const POOL_SIZE_HINT = `DATABASE_POOL_SIZE must be a whole number from 1 to ${MAX_POOL_SIZE}.`;

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a DATABASE_URL names, or undefined for anything else. */
export function databaseProvider(url: string): DatabaseProvider | undefined {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  return undefined;
}

/** Why a DATABASE_URL cannot be used, or undefined when it can. Never repeats the URL (it may hold a password). */
function databaseUrlProblem(url: string): string | undefined {
  const provider = databaseProvider(url);
  if (provider === undefined) {
    return "DATABASE_URL must be a SQLite file (file:./prisma/cookieshop.db) or a PostgreSQL URL (postgresql://user:password@host:5432/database).";
  }
  if (provider === "sqlite") return url.length > "file:".length ? undefined : "DATABASE_URL names no SQLite file.";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "DATABASE_URL is not a valid PostgreSQL URL (postgresql://user:password@host:5432/database).";
  }
  if (!parsed.hostname) return "DATABASE_URL names no PostgreSQL host.";
  if (parsed.pathname.length <= 1) return "DATABASE_URL names no PostgreSQL database (…/database at the end).";
  return undefined;
}

/** Auth.js encrypts session tokens with a key derived from this; 32 characters is its floor. */
export const MIN_AUTH_SECRET_LENGTH = 32;

const SECRET_HINT = "Set it to a random value, for example the output of `openssl rand -base64 32`.";

const emptyAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** bcrypt's work factor, and its floor wherever the site is reachable (OWASP: 10 at the very least). */
export const BCRYPT_COST = 12;
/** bcrypt's own minimum, allowed only for a site on this machine: the test suite's servers. */
export const MIN_LOCAL_BCRYPT_COST = 4;
const MAX_BCRYPT_COST = 15;
const BCRYPT_COST_HINT =
  `BCRYPT_COST must be a whole number from ${BCRYPT_COST} to ${MAX_BCRYPT_COST}; ` +
  `lower, down to ${MIN_LOCAL_BCRYPT_COST}, only with AUTH_URL on localhost, 127.0.0.1 or [::1] (for tests).`;

const bcryptCostSchema = z
  .object({
    AUTH_URL: z.preprocess(emptyAsUnset, z.string().optional()),
    BCRYPT_COST: z.preprocess(
      emptyAsUnset,
      z.coerce
        .number({ error: BCRYPT_COST_HINT })
        .int(BCRYPT_COST_HINT)
        .min(MIN_LOCAL_BCRYPT_COST, BCRYPT_COST_HINT)
        .max(MAX_BCRYPT_COST, BCRYPT_COST_HINT)
        .default(BCRYPT_COST),
    ),
  })
  // A cheap hash makes a stolen database quick to crack: only a site nobody else can reach may have one.
  .refine((env) => env.BCRYPT_COST >= BCRYPT_COST || (env.AUTH_URL !== undefined && isLoopbackSiteUrl(env.AUTH_URL)), {
    message: BCRYPT_COST_HINT,
  });

/**
 * The cost new password hashes get. Read at each use rather than trusted from the start-up
 * check, so the operator scripts, which have none, refuse an unsafe value too.
 */
export function bcryptCost(source: Record<string, string | undefined> = process.env): number {
  const result = bcryptCostSchema.safeParse(source);
  if (!result.success) throw new ConfigurationError(`Cookieshop cannot hash passwords: ${BCRYPT_COST_HINT}`);
  return result.data.BCRYPT_COST;
}

const poolSizeSchema = z.preprocess(
  emptyAsUnset,
  z.coerce
    .number({ error: POOL_SIZE_HINT })
    .int(POOL_SIZE_HINT)
    .min(1, POOL_SIZE_HINT)
    .max(MAX_POOL_SIZE, POOL_SIZE_HINT)
    .default(DEFAULT_POOL_SIZE),
);

const TRUST_HINT =
  "In production set AUTH_URL to the site's public URL (https://shop.example), or AUTH_TRUST_HOST=true " +
  "behind a proxy that sets the Host header; without either, Auth.js refuses every login.";

const CLIENT_ADDRESS_HINT =
  "In production start the server with `npm run serve` so the client address comes from the connection, " +
  "or set CLIENT_IP_HEADER to the header your proxy sets (for example x-forwarded-for or x-real-ip). " +
  "Under `next start` a client could choose its own address by sending X-Forwarded-For.";

const HTTPS_HINT =
  "In production AUTH_URL must start with https:// (http:// only for localhost), or session cookies would travel unencrypted.";

const SERVERLESS_SQLITE_HINT =
  "This is a serverless host, where every instance has its own short-lived disk: set DATABASE_URL to a PostgreSQL " +
  "database (postgresql://…); a SQLite file would lose accounts and orders.";

/** Environment variables that serverless hosts set (Vercel, AWS Lambda, Netlify). */
const SERVERLESS_MARKERS = ["VERCEL", "AWS_LAMBDA_FUNCTION_NAME", "NETLIFY"] as const;

function isServerlessHost(env: Record<string, unknown>): boolean {
  return SERVERLESS_MARKERS.some((name) => Boolean(env[name]));
}

/** Host names of this machine, as the URL parser writes them (it lower-cases, and brackets IPv6). */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether `url` is an http(s) URL on this machine, any port: http://localhost:3000, https://[::1]. */
export function isLoopbackSiteUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return (protocol === "http:" || protocol === "https:") && LOOPBACK_HOSTS.has(hostname);
}

type LocalDefaultSettings = Record<string, unknown> & Partial<Record<"AUTH_URL" | "SMTP_URL" | "DATABASE_URL", string>>;

/**
 * The one test of "a developer's machine or a deployment". The local default is the embedded
 * SQLite database, no SMTP_URL, and a site URL on this machine (AUTH_URL unset, or loopback).
 * Only there does mail go to the local outbox (/dev/outbox), and may mail links be built
 * without AUTH_URL; anything else is a deployment, whose mail must really leave.
 */
export function isLocalDefault(env: LocalDefaultSettings = process.env): boolean {
  const authUrl = env.AUTH_URL?.trim();
  return (!authUrl || isLoopbackSiteUrl(authUrl)) && !env.SMTP_URL?.trim() && usesEmbeddedDatabase({ DATABASE_URL: env.DATABASE_URL });
}

/** Whether AUTH_URL is HTTPS or local; a URL that is not http(s) at all is reported by its own check. */
function isSecureOrLocal(url: string): boolean {
  if (!URL.canParse(url)) return true;
  return new URL(url).protocol !== "http:" || isLoopbackSiteUrl(url);
}

/** Why an SMTP_URL cannot be used, or undefined when it can. Never repeats the URL (it may hold a password). */
function smtpUrlProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return `SMTP_URL is not a valid URL. ${SMTP_URL_HINT}`;
  const { protocol, hostname } = new URL(url);
  if (protocol !== "smtp:" && protocol !== "smtps:") return `SMTP_URL must start with smtp:// or smtps://. ${SMTP_URL_HINT}`;
  if (!hostname) return `SMTP_URL names no mail server. ${SMTP_URL_HINT}`;
  return undefined;
}

const SMTP_URL_HINT =
  "Set it to your mail provider's submission server, for example smtps://user:password@smtp.example:465 " +
  "or smtp://user:password@smtp.example:587 (STARTTLS).";

/** MAIL_FROM: "shop@example.com" or "Cookieshop <shop@example.com>" (the name without angle brackets). */
const MAIL_FROM_PATTERN = /^(?:[^<>]*?\s*<([^<>\s]+)>|([^<>\s]+))$/;
const MAIL_FROM_HINT = 'MAIL_FROM must be an email address, optionally with a name: "Cookieshop <shop@example.com>".';

function mailFromProblem(value: string): string | undefined {
  // A line break above all would let the value add mail headers of its own.
  if (hasControlCharacter(value)) return MAIL_FROM_HINT;
  const match = MAIL_FROM_PATTERN.exec(value);
  const address = match?.[1] ?? match?.[2];
  return address && z.email().safeParse(address).success ? undefined : MAIL_FROM_HINT;
}

const MAIL_DELIVERY_HINT =
  "Outside the local default (the embedded SQLite database with AUTH_URL unset or on localhost, 127.0.0.1 or [::1]), " +
  "password reset and address confirmation mail cannot be delivered: set SMTP_URL to your mail provider's SMTP " +
  "server (smtps://user:password@smtp.example:465). The local outbox (/dev/outbox) exists only in the local default.";

const MAIL_LINKS_HINT =
  "Set AUTH_URL to the site's public URL (https://shop.example): the links in password reset and address " +
  "confirmation mail are built from it, never from a request's Host header, so AUTH_TRUST_HOST alone is not enough.";

/** An optional, trimmed setting; `problemOf` says why a value cannot be used. Empty is unset. */
function optionalSetting(problemOf: (value: string) => string | undefined, { secret = false } = {}) {
  return z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .check((ctx) => {
        const problem = problemOf(ctx.value);
        if (problem) ctx.issues.push({ code: "custom", message: problem, input: secret ? undefined : ctx.value });
      })
      .optional(),
  );
}

/** `serving`: the check runs in the server process itself, not in a preparation script. */
const serverEnvSchema = ({ serving }: { serving: boolean }) =>
  z
    .object({
      NODE_ENV: z.string().optional(),
      AUTH_URL: z.preprocess(
        emptyAsUnset,
        z.url({ protocol: /^https?$/, error: "AUTH_URL must be a full URL such as https://shop.example." }).optional(),
      ),
      AUTH_TRUST_HOST: z.preprocess(emptyAsUnset, z.string().optional()),
      AUTH_SECRET: z.preprocess(
        emptyAsUnset,
        z
          .string({ error: `AUTH_SECRET is not set. ${SECRET_HINT}` })
          .min(MIN_AUTH_SECRET_LENGTH, `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters. ${SECRET_HINT}`),
      ),
      // During a rotation, what AUTH_SECRET was: two-factor secrets sealed under it still open
      // (lib/auth/two-factor/secret-box.ts). Held to the same length.
      AUTH_SECRET_PREVIOUS: z.preprocess(
        emptyAsUnset,
        z
          .string()
          .min(MIN_AUTH_SECRET_LENGTH, `AUTH_SECRET_PREVIOUS must be at least ${MIN_AUTH_SECRET_LENGTH} characters, like AUTH_SECRET.`)
          .optional(),
      ),
      DATABASE_URL: z.preprocess(
        emptyAsUnset,
        z.string().default(DEFAULT_DATABASE_URL).check((ctx) => {
          const problem = databaseUrlProblem(ctx.value);
          if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
        }),
      ),
      DATABASE_POOL_SIZE: poolSizeSchema,
      BCRYPT_COST: z.string().optional(),
      // Without the value in the issue: the URL may hold the mail account's password.
      SMTP_URL: optionalSetting(smtpUrlProblem, { secret: true }),
      MAIL_FROM: optionalSetting(mailFromProblem),
      CLIENT_IP_HEADER: optionalSetting(clientIpHeaderProblem),
      [OWN_SERVER_MARKER]: z.string().optional(),
      ...Object.fromEntries(SERVERLESS_MARKERS.map((name) => [name, z.string().optional()])),
    })
    // Auth.js builds its request URL from AUTH_URL, or trusts the Host header only when told to.
    .refine((env) => env.NODE_ENV !== "production" || env.AUTH_URL || env.AUTH_TRUST_HOST, {
      message: TRUST_HINT,
      when: () => true, // report it alongside any other problem
    })
    // Session cookies are only marked Secure when the site is served over HTTPS.
    .refine((env) => env.NODE_ENV !== "production" || !env.AUTH_URL || isSecureOrLocal(env.AUTH_URL), {
      message: HTTPS_HINT,
      when: () => true,
    })
    // A serverless host runs many short-lived copies, each with its own disk.
    .refine((env) => env.NODE_ENV !== "production" || !isServerlessHost(env) || databaseProvider(env.DATABASE_URL) !== "sqlite", {
      message: SERVERLESS_SQLITE_HINT,
      when: () => true,
    })
    // Outside the local default, mail must really leave: the outbox is for a developer's machine.
    .refine((env) => env.NODE_ENV !== "production" || env.SMTP_URL !== undefined || isLocalDefault(env), {
      message: MAIL_DELIVERY_HINT,
      when: () => true,
    })
    // Links in real mail must name the public site; a Host header is whatever the client sent.
    .refine((env) => env.NODE_ENV !== "production" || isLocalDefault(env) || env.AUTH_URL, {
      message: MAIL_LINKS_HINT,
      when: () => true,
    })
    .refine((env) => bcryptCostSchema.safeParse(env).success, { message: BCRYPT_COST_HINT, when: () => true })
    // Only server.ts overwrites a client's X-Forwarded-For with the socket address (lib/http/client-ip.ts).
    .refine(
      (env) => !serving || env.NODE_ENV !== "production" || env.CLIENT_IP_HEADER || env[OWN_SERVER_MARKER] === "1",
      { message: CLIENT_ADDRESS_HINT, when: () => true },
    )
    .transform(({ AUTH_SECRET, DATABASE_URL, DATABASE_POOL_SIZE }) => ({ AUTH_SECRET, DATABASE_URL, DATABASE_POOL_SIZE }));

export type ServerEnv = z.infer<ReturnType<typeof serverEnvSchema>>;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/**
 * Reads and checks the configuration; throws one readable error naming every problem.
 * `serving` adds the checks that only make sense in the running server (see instrumentation.ts).
 */
export function parseServerEnv(
  source: Record<string, string | undefined> = process.env,
  { serving = false }: { serving?: boolean } = {},
): ServerEnv {
  const result = serverEnvSchema({ serving }).safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.message}`);
  throw new ConfigurationError(`Cookieshop cannot start; its configuration is incomplete:\n${problems.join("\n")}`);
}

/** The database URL alone: migrations and seeding need it, but not the auth secret. */
export function databaseUrl(source: Record<string, string | undefined> = process.env): string {
  return (emptyAsUnset(source.DATABASE_URL) as string | undefined) ?? DEFAULT_DATABASE_URL;
}

/** The pool size for lib/db/client.ts; the start-up check has already refused a bad value. */
export function databasePoolSize(source: Record<string, string | undefined> = process.env): number {
  return poolSizeSchema.catch(DEFAULT_POOL_SIZE).parse(source.DATABASE_POOL_SIZE);
}

export function usesEmbeddedDatabase(source: Record<string, string | undefined> = process.env): boolean {
  return databaseProvider(databaseUrl(source)) === "sqlite";
}
