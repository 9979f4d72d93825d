import "server-only";
import type { Transporter } from "nodemailer";
import { siteOrigin } from "../config/site-url";
import type { MailMessage } from "./message";
import { storeInOutbox } from "./outbox";
import { createSmtpTransport } from "./smtp";
import { chooseMailTransport, mailFrom } from "./transport";

/**
 * The one way the app sends mail. The transport comes from configuration
 * (lib/mail/transport.ts): SMTP when SMTP_URL is set, the local outbox (/dev/outbox) in the
 * embedded default. Errors propagate: the caller decides whether a failure reaches the visitor.
 * Nothing here logs: bodies hold one-time links and SMTP_URL may hold a password.
 */

// One SMTP transport per process, parked on globalThis like the database client (lib/db/client.ts),
// so a module evaluated twice by Next.js still shares it.
const globalForMail = globalThis as typeof globalThis & { cookieshopSmtpTransport?: Transporter };

export async function sendMail(message: MailMessage): Promise<void> {
  const transport = chooseMailTransport();
  if (transport.kind === "outbox") {
    await storeInOutbox(message);
    return;
  }
  globalForMail.cookieshopSmtpTransport ??= createSmtpTransport(transport.url, mailFrom(siteOrigin()));
  const { to, subject, text, html } = message;
  await globalForMail.cookieshopSmtpTransport.sendMail({ to, subject, text, html });
}
