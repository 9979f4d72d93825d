import { spawnSync } from "node:child_process";
import { E2E_SERVER_ENV } from "../../playwright.config";

/**
 * Runs `npm run users -- ...args` as an operator on the e2e server would: with the server's
 * configuration, so its database, and its mail to the suite's SMTP sink.
 */
export function usersCli(args: string[], stdin = "") {
  const result = spawnSync("npm", ["run", "--silent", "users", "--", ...args], {
    input: stdin,
    encoding: "utf8",
    env: { ...process.env, ...E2E_SERVER_ENV },
  });
  // npm's own configuration warnings are not the command's output.
  const stderr = result.stderr
    .split("\n")
    .filter((line) => !line.startsWith("npm warn"))
    .join("\n")
    .trim();
  return { status: result.status, stdout: result.stdout.trim(), stderr };
}
