import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { E2E_MAIL_DIR, E2E_SMTP_PORT } from "../../playwright.config";

/**
 * The e2e suite's mail server (a Playwright globalSetup): the app under test delivers real
 * SMTP to it (SMTP_URL in playwright.config.ts), and each message is written as one JSON file
 * in E2E_MAIL_DIR, where tests read it (e2e/support/mail.ts) and the teardown checks that no
 * link secret reached the server's log (e2e/support/no-secrets-in-logs.ts).
 *
 * Test-only and on 127.0.0.1: no TLS and no authentication, so the app's path is plain
 * SMTP through nodemailer exactly as in production, minus the encryption.
 */

/** One message as the sink stores it: what a mailbox would show. */
export type ReceivedMail = {
  /** The envelope's recipients, lower-cased: who the message was really delivered to. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Epoch milliseconds. */
  receivedAt: number;
};

/** Far above any message the shop sends; a runaway loop fails instead of filling the disk. */
export const SMTP_SINK_MAX_MESSAGE_BYTES = 1024 * 1024;

export type SmtpSink = { port: number; close: () => Promise<void> };

/** Starts a sink on `host:port` (0: any free port) writing into `directory`, which it empties first. */
export async function startSmtpSink({
  port,
  directory,
  host = "127.0.0.1",
}: {
  port: number;
  directory: string;
  host?: string;
}): Promise<SmtpSink> {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });

  const server = new SMTPServer({
    secure: false,
    // STARTTLS would need a certificate; AUTH would need accounts. Neither is under test here.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    size: SMTP_SINK_MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error("Message too large for the e2e mail sink"), { responseCode: 552 }));
            return;
          }
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map(({ address }) => address.toLowerCase()),
            from: addressText(parsed.from),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: Date.now(),
          };
          writeAtomically(directory, mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A broken connection must not take the whole test run down with an unhandled 'error'.
  server.on("error", (error) => console.error(`[smtp-sink] ${error.message}`));
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function addressText(from: AddressObject | AddressObject[] | undefined): string {
  if (!from) return "";
  return Array.isArray(from) ? from.map((entry) => entry.text).join(", ") : from.text;
}

let sequence = 0;

/** Write then rename (atomic on one filesystem): a reader sees the whole file or none of it. */
function writeAtomically(directory: string, mail: ReceivedMail): void {
  // Sortable by arrival, unique even within one millisecond.
  const name = `${String(mail.receivedAt).padStart(15, "0")}-${String(++sequence).padStart(6, "0")}-${randomBytes(4).toString("hex")}`;
  const temporary = path.join(directory, `.${name}.tmp`);
  writeFileSync(temporary, JSON.stringify(mail, null, 2));
  renameSync(temporary, path.join(directory, `${name}.json`));
}

/** Playwright globalSetup: the sink for the whole run. The returned function is its teardown. */
export default async function smtpSinkSetup(): Promise<() => Promise<void>> {
  const sink = await startSmtpSink({ port: E2E_SMTP_PORT, directory: E2E_MAIL_DIR });
  // The messages stay after the run: the leak check reads them, and they help debug a failure.
  return sink.close;
}
