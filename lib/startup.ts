import "server-only";
import { ConfigurationError, parseServerEnv } from "./env";

/** Called at server start (instrumentation.ts). A misconfigured server stops with a clear message. */
export function checkConfigurationOrExit(): void {
  try {
    parseServerEnv(process.env, { serving: true });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
