import { z } from "zod";

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

const serverEnvSchema = z.object({
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
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** Reads and checks the configuration; throws one readable error naming every problem. */
export function parseServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.message}`);
  return configurationFailure(problems);
}

function configurationFailure(problems: string[]): never {
  throw new ConfigurationError(`Cookieshop cannot start; its configuration is incomplete:\n${problems.join("\n")}`);
}

/** The database URL alone: migrations and seeding need it, but not the auth secret. */
export function databaseUrl(source: Record<string, string | undefined> = process.env): string {
  return (emptyAsUnset(source.DATABASE_URL) as string | undefined) ?? DEFAULT_DATABASE_URL;
}

export function usesEmbeddedDatabase(source: Record<string, string | undefined> = process.env): boolean {
  return databaseUrl(source).startsWith("file:");
}
