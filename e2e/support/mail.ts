import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { splitLinks } from "../../lib/mail/text-links";
import { E2E_MAIL_DIR } from "../../playwright.config";
import type { ReceivedMail } from "./smtp-sink";

/**
 * The mailbox of the suite's SMTP sink (e2e/support/smtp-sink.ts): every message the app
 * delivered during the run, one JSON file each.
 */

export type { ReceivedMail };

/** Every message delivered to `to` (case-insensitive), oldest first. */
export function mailsTo(to: string): ReceivedMail[] {
  const address = to.toLowerCase();
  return allMail().filter((mail) => mail.to.includes(address));
}

/**
 * The newest message to `to` whose subject matches, received at or after `after` (epoch ms;
 * pass a Date.now() taken before the action that sends it, to skip older mail), once at least
 * `count` such messages are there (a burst of sends whose mail may trail the answers). Polls
 * the mailbox, since the app may send after it has answered.
 */
export async function waitForMail(
  to: string,
  subject: RegExp,
  { timeoutMs = 15_000, after, count = 1 }: { timeoutMs?: number; after?: number; count?: number } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matches = mailsTo(to).filter((mail) => subject.test(mail.subject) && (after === undefined || mail.receivedAt >= after));
    if (matches.length >= count) return matches.at(-1)!;
    if (Date.now() > deadline) {
      // Subjects only: bodies hold the one-time links.
      const subjects = mailsTo(to).map((mail) => JSON.stringify(mail.subject));
      throw new Error(
        `No ${count > 1 ? `${count} mails` : "mail"} to ${to} with a subject matching ${subject} within ${timeoutMs} ms` +
          (subjects.length > 0 ? `; it received: ${subjects.join(", ")}` : "; it received none."),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every http(s) URL in the message's plain-text body, in order. */
export function urlsIn(mail: ReceivedMail): URL[] {
  // The same reading of links in text as /dev/outbox's (sentence punctuation is not part of a URL).
  return splitLinks(mail.text).flatMap((part) => ("href" in part ? [new URL(part.href)] : []));
}

/**
 * The first link in the text body whose path is `path`, as path and query, ready for
 * `page.goto` against the test's baseURL. Throws when there is none.
 */
export function linkIn(mail: ReceivedMail, pathname: string): string {
  const url = urlsIn(mail).find((candidate) => candidate.pathname === pathname);
  if (!url) {
    const paths = urlsIn(mail).map((candidate) => candidate.pathname);
    throw new Error(`The mail "${mail.subject}" has no link to ${pathname}; its links go to: ${paths.join(", ") || "nothing"}.`);
  }
  return url.pathname + url.search;
}

/** Messages already read by this worker, by file name: a file never changes once it is there. */
const read = new Map<string, ReceivedMail>();

/** Every message the sink received, oldest first. */
export function allMail(): ReceivedMail[] {
  if (!existsSync(E2E_MAIL_DIR)) return [];
  // The sink names files by arrival and renames each into place whole: no partial reads.
  // Only new files are parsed: the folder holds hundreds by the end of a run, and tests poll it.
  return readdirSync(E2E_MAIL_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      let mail = read.get(name);
      if (!mail) {
        mail = JSON.parse(readFileSync(path.join(E2E_MAIL_DIR, name), "utf8")) as ReceivedMail;
        read.set(name, mail);
      }
      return mail;
    });
}
