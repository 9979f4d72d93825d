import { readFileSync } from "node:fs";
import { E2E_SERVER_LOG } from "../../playwright.config";
import { PASSWORD, WRONG_PASSWORD } from "./users";

/**
 * Runs after the whole suite: the server's output, from every test, must not contain a
 * password the tests typed, a bcrypt hash, or a session token (an Auth.js JWE).
 */
const FORBIDDEN: [string, RegExp][] = [
  ["the test password", new RegExp(PASSWORD)],
  ["the wrong test password", new RegExp(WRONG_PASSWORD)],
  ["a bcrypt hash", /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{20,}/],
  ["a session token", /eyJhbGciOiJkaXIi[\w-]*\.\./],
];

export default function noSecretsInLogs() {
  const log = readFileSync(E2E_SERVER_LOG, "utf8");
  // An empty or wrong capture would pass every check below, so first prove it is the server's.
  if (!log.includes("Cookieshop listening on")) {
    throw new Error(`${E2E_SERVER_LOG} does not hold the e2e server's output; cannot check it for leaks.`);
  }
  const leaks = FORBIDDEN.filter(([, pattern]) => pattern.test(log)).map(([what]) => what);
  if (leaks.length > 0) {
    throw new Error(`The server log (${E2E_SERVER_LOG}) contains ${leaks.join(", ")}.`);
  }
}
