import { isLoopbackAddress } from "../http/client-ip";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";

/**
 * The SMTP transport, built from SMTP_URL (smtp://user:password@host:587 or smtps://…:465).
 * No server-only guard so a unit test can deliver through it to an in-process server; the
 * app reaches it only through lib/mail/send.ts. Nodemailer logs nothing unless asked to, so
 * neither the URL (it may hold a password) nor a body (it holds one-time links) reaches a log.
 */

// Mail is sent while a request waits, or just after it: an unreachable server must fail in
// seconds, not in nodemailer's defaults of two (connection) and ten (idle) minutes.
export const SMTP_CONNECTION_TIMEOUT_MS = 10_000;
export const SMTP_GREETING_TIMEOUT_MS = 10_000;
export const SMTP_SOCKET_TIMEOUT_MS = 30_000;

/**
 * smtp:// to another machine must upgrade with STARTTLS: otherwise someone on the path could
 * strip the server's STARTTLS offer and read the password and the one-time links. A mail
 * server on this machine (the e2e suite's, a local relay) is reached without leaving it.
 * `?requireTLS=false` in SMTP_URL overrides this, as any nodemailer option given there does.
 */
export function requiresStartTls(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "smtp:" && !isLoopbackHost(hostname);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || isLoopbackAddress(hostname);
}

/** One transport per process: a connection per message, nothing pooled. */
export function createSmtpTransport(url: string, from: string): Transporter<SMTPTransport.SentMessageInfo> {
  const smtp = new SMTPTransport({
    // Options in the URL's query (?requireTLS=false, ?name=…) win over these defaults.
    url,
    requireTLS: requiresStartTls(url),
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
    logger: false,
    debug: false,
  });
  // The sender is configuration, never something a message could choose; and a message never
  // reads files or fetches URLs for attachments.
  return nodemailer.createTransport(smtp, { from, disableFileAccess: true, disableUrlAccess: true });
}
