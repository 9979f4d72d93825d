import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { E2E_SERVER_LOG, E2E_SPARE_SERVER_LOG_DIR } from "../../playwright.config";

/**
 * Where every server of the run writes its output, for the leak check after the run
 * (e2e/support/no-secrets-in-logs.ts): the suite's own server into E2E_SERVER_LOG (the
 * webServer command tees it), each spare one (e2e/support/servers.ts) into a file of its own
 * in E2E_SPARE_SERVER_LOG_DIR, which this globalSetup empties before the first test.
 */

export type ServerLog = { file: string; text: string };

/** A new, unique log file for a spare server on `port`. */
export function spareServerLogFile(port: number): string {
  mkdirSync(E2E_SPARE_SERVER_LOG_DIR, { recursive: true });
  return path.join(E2E_SPARE_SERVER_LOG_DIR, `${port}-${Date.now()}-${randomBytes(4).toString("hex")}.log`);
}

/** The suite's server log first, then every spare server's, in the order they started. */
export function serverLogs(): ServerLog[] {
  const spare = existsSync(E2E_SPARE_SERVER_LOG_DIR)
    ? readdirSync(E2E_SPARE_SERVER_LOG_DIR)
        .filter((name) => name.endsWith(".log"))
        .sort((a, b) => Number(a.split("-")[1]) - Number(b.split("-")[1]))
        .map((name) => path.join(E2E_SPARE_SERVER_LOG_DIR, name))
    : [];
  return [E2E_SERVER_LOG, ...spare].map((file) => ({ file, text: readFileSync(file, "utf8") }));
}

/** Playwright globalSetup: no log from an earlier run is checked again, or blamed. */
export default function emptySpareServerLogs(): void {
  rmSync(E2E_SPARE_SERVER_LOG_DIR, { recursive: true, force: true });
  mkdirSync(E2E_SPARE_SERVER_LOG_DIR, { recursive: true });
}
