import "server-only";
import { ConfigurationError, parseServerEnv } from "./env";

/**
 * Variables Auth.js reads itself. We read an empty value as unset everywhere (lib/config/env.ts);
 * Auth.js takes an empty AUTH_URL for a set one and then trusts no host, so every login failed.
 */
const READ_BY_AUTH_JS = ["AUTH_URL", "AUTH_TRUST_HOST"] as const;

/** Called at server start (instrumentation.ts). A misconfigured server stops with a clear message. */
export function checkConfigurationOrExit(): void {
  for (const name of READ_BY_AUTH_JS) if (process.env[name]?.trim() === "") delete process.env[name];
  try {
    parseServerEnv(process.env, { serving: true });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
