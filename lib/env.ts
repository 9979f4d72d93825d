import { z } from "zod";
import { OWN_SERVER_MARKER, clientIpHeaderProblem } from "./client-ip";

/**
 * Configuration, validated once with zod. Importable from the Prisma CLI config and the
 * operator scripts as well as the app, so it holds no secrets of its own and no server-only
 * guard; it only reads the environment.
 */

/** The embedded default: a SQLite file inside the project, git-ignored. */
export const DEFAULT_DATABASE_URL = "file:./prisma/cookieshop.db";
/** Auth.js encrypts session tokens with a key derived from this; 32 characters is its floor. */
export const MIN_AUTH_SECRET_LENGTH = 32;

const SECRET_HINT = "Set it to a random value, for example the output of `openssl rand -base64 32`.";

const emptyAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const TRUST_HINT =
  "In production set AUTH_URL to the site's public URL (https://shop.example), or AUTH_TRUST_HOST=true " +
  "behind a proxy that sets the Host header; without either, Auth.js refuses every login.";

const CLIENT_ADDRESS_HINT =
  "In production start the server with `npm run serve` so the client address comes from the connection, " +
  "or set CLIENT_IP_HEADER to the header your proxy sets (for example x-forwarded-for or x-real-ip). " +
  "Under `next start` a client could choose its own address by sending X-Forwarded-For.";

/** `serving`: the check runs in the server process itself, not in a preparation script. */
const serverEnvSchema = ({ serving }: { serving: boolean }) =>
  z
    .object({
      NODE_ENV: z.string().optional(),
      AUTH_URL: z.preprocess(emptyAsUnset, z.url("AUTH_URL must be a full URL such as https://shop.example.").optional()),
      AUTH_TRUST_HOST: z.preprocess(emptyAsUnset, z.string().optional()),
      AUTH_SECRET: z.preprocess(
        emptyAsUnset,
        z
          .string({ error: `AUTH_SECRET is not set. ${SECRET_HINT}` })
          .min(MIN_AUTH_SECRET_LENGTH, `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters. ${SECRET_HINT}`),
      ),
      DATABASE_URL: z.preprocess(
        emptyAsUnset,
        z
          .string()
          .default(DEFAULT_DATABASE_URL)
          .refine((url) => url.startsWith("file:"), "DATABASE_URL must be a SQLite URL such as file:./prisma/cookieshop.db."),
      ),
      CLIENT_IP_HEADER: z.preprocess(
        emptyAsUnset,
        z
          .string()
          .trim()
          .check((ctx) => {
            const problem = clientIpHeaderProblem(ctx.value);
            if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
          })
          .optional(),
      ),
      [OWN_SERVER_MARKER]: z.string().optional(),
    })
    // Auth.js builds its request URL from AUTH_URL, or trusts the Host header only when told to.
    .refine((env) => env.NODE_ENV !== "production" || env.AUTH_URL || env.AUTH_TRUST_HOST, {
      message: TRUST_HINT,
      when: () => true, // report it alongside any other problem
    })
    // Only server.ts overwrites a client's X-Forwarded-For with the socket address (lib/client-ip.ts).
    .refine(
      (env) => !serving || env.NODE_ENV !== "production" || env.CLIENT_IP_HEADER || env[OWN_SERVER_MARKER] === "1",
      { message: CLIENT_ADDRESS_HINT, when: () => true },
    )
    .transform(({ AUTH_SECRET, DATABASE_URL }) => ({ AUTH_SECRET, DATABASE_URL }));

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

export function usesEmbeddedDatabase(source: Record<string, string | undefined> = process.env): boolean {
  return databaseUrl(source).startsWith("file:");
}
