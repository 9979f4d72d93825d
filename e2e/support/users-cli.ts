import { spawnSync } from "node:child_process";
import { E2E_DATABASE_URL } from "../../playwright.config";

/** Runs `npm run users -- ...args` against the e2e database, as an operator would. */
export function usersCli(args: string[], stdin = "") {
  const result = spawnSync("npm", ["run", "--silent", "users", "--", ...args], {
    input: stdin,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
  });
  // npm's own configuration warnings are not the command's output.
  const stderr = result.stderr
    .split("\n")
    .filter((line) => !line.startsWith("npm warn"))
    .join("\n")
    .trim();
  return { status: result.status, stdout: result.stdout.trim(), stderr };
}
