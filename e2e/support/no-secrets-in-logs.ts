import { readFileSync } from "node:fs";
import { E2E_SERVER_LOG } from "../../playwright.config";
import { allMail, urlsIn } from "./mail";
import { PASSWORD, WRONG_PASSWORD } from "./users";

/**
 * Runs after the whole suite: the server's output, from every test, must not contain a
 * password the tests typed, a bcrypt hash, a session token (an Auth.js JWE), or the secret
 * of any one-time link the app mailed (a `token=` value in a delivered message).
 */
const FORBIDDEN: [string, RegExp][] = [
  ["the test password", new RegExp(PASSWORD)],
  ["the wrong test password", new RegExp(WRONG_PASSWORD)],
  ["a bcrypt hash", /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{20,}/],
  ["a session token", /eyJhbGciOiJkaXIi[\w-]*\.\./],
];

/** Shorter values could turn up in a log by chance; real link secrets are far longer. */
const MIN_LINK_SECRET_LENGTH = 16;

/** The `token` values of every link in every mail the suite's SMTP sink received. */
function mailedLinkSecrets(): Set<string> {
  const secrets = new Set<string>();
  for (const mail of allMail()) {
    for (const url of urlsIn(mail)) {
      const token = url.searchParams.get("token");
      if (token && token.length >= MIN_LINK_SECRET_LENGTH) secrets.add(token);
    }
  }
  return secrets;
}

export default function noSecretsInLogs() {
  const log = readFileSync(E2E_SERVER_LOG, "utf8");
  // An empty or wrong capture would pass every check below, so first prove it is the server's.
  if (!log.includes("Cookieshop listening on")) {
    throw new Error(`${E2E_SERVER_LOG} does not hold the e2e server's output; cannot check it for leaks.`);
  }
  const leaks = FORBIDDEN.filter(([, pattern]) => pattern.test(log)).map(([what]) => what);
  const leakedSecrets = [...mailedLinkSecrets()].filter((secret) => log.includes(secret) || log.includes(encodeURIComponent(secret)));
  if (leakedSecrets.length > 0) leaks.push(`${leakedSecrets.length} one-time link secret(s) from mailed links`);
  if (leaks.length > 0) {
    throw new Error(`The server log (${E2E_SERVER_LOG}) contains ${leaks.join(", ")}.`);
  }
}
