import { allMail, urlsIn } from "./mail";
import { type ServerLog, serverLogs } from "./server-logs";
import { PASSWORD, WRONG_PASSWORD } from "./users";

/**
 * Runs after the whole suite: the output of every server the run started (the suite's own and
 * each spare one, e2e/support/server-logs.ts) must not contain a password the tests typed, a
 * bcrypt hash, a session token (an Auth.js JWE), or the secret of any one-time link the app
 * mailed (a `token=` value in a delivered message).
 */
const FORBIDDEN: [string, RegExp][] = [
  ["the test password", new RegExp(PASSWORD)],
  ["the wrong test password", new RegExp(WRONG_PASSWORD)],
  ["a bcrypt hash", /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{20,}/],
  ["a session token", /eyJhbGciOiJkaXIi[\w-]*\.\./],
];

/**
 * What every server prints, whether it serves (server.ts) or refuses its configuration
 * (lib/config/startup-check.ts) or its port: a log with none of them is not a server's output, and an empty
 * or wrong capture would pass every check below.
 */
const SERVER_OUTPUT_MARKS = ["Cookieshop listening on", "Cookieshop cannot start", "Cookieshop could not listen"];

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

/** What `log` leaks, by name; empty when nothing. */
function leaksIn({ text }: ServerLog, secrets: Set<string>): string[] {
  const leaks = FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
  const leakedSecrets = [...secrets].filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
  if (leakedSecrets.length > 0) leaks.push(`${leakedSecrets.length} one-time link secret(s) from mailed links`);
  return leaks;
}

export default function noSecretsInLogs() {
  const logs = serverLogs();
  const notServerOutput = logs.filter(({ text }) => !SERVER_OUTPUT_MARKS.some((mark) => text.includes(mark)));
  if (notServerOutput.length > 0) {
    const files = notServerOutput.map(({ file }) => file).join(", ");
    throw new Error(`These logs do not hold a Cookieshop server's output; cannot check them for leaks: ${files}`);
  }
  const secrets = mailedLinkSecrets();
  const problems = logs.flatMap((log) => {
    const leaks = leaksIn(log, secrets);
    return leaks.length > 0 ? [`${log.file} contains ${leaks.join(", ")}`] : [];
  });
  if (problems.length > 0) throw new Error(`Server logs leak secrets:\n  ${problems.join("\n  ")}`);
  console.log(`No secrets in the logs of ${logs.length} server(s).`);
}
