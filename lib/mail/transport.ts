import { isLocalDefault } from "../config/env";

/**
 * Which way mail leaves, decided by configuration alone (pure, so unit tests import it):
 *
 * - SMTP_URL set: SMTP through nodemailer (production).
 * - The local default (lib/config/env.ts, `isLocalDefault`: embedded SQLite, no SMTP_URL, the site on
 *   this machine): the local outbox, a table a developer reads at /dev/outbox. Nothing leaves
 *   the machine.
 * - Anything else: no way to deliver. The production start-up check (lib/config/env.ts) refuses that
 *   configuration before the server answers a request; elsewhere sending fails loudly.
 */

type Env = Record<string, string | undefined>;

export type MailTransportChoice = { kind: "smtp"; url: string } | { kind: "outbox" };

/** SMTP_URL, or undefined when unset or blank (an empty value is how a test unsets it). */
function configuredSmtpUrl(env: Env = process.env): string | undefined {
  const url = env.SMTP_URL?.trim();
  return url ? url : undefined;
}

export function chooseMailTransport(env: Env = process.env): MailTransportChoice {
  const url = configuredSmtpUrl(env);
  if (url !== undefined) return { kind: "smtp", url };
  if (isLocalDefault(env)) return { kind: "outbox" };
  // Never repeats a URL: DATABASE_URL may hold a password.
  throw new Error(
    "No way to send mail: SMTP_URL is not set, and this is not the local default (the embedded SQLite database, " +
      "with AUTH_URL unset or on this machine). Set SMTP_URL.",
  );
}

/** The sender when MAIL_FROM is unset: a no-reply address on the site's own domain. */
export const DEFAULT_SENDER_NAME = "Cookieshop";

/** MAIL_FROM, or "Cookieshop <no-reply@HOST>" with HOST the site URL's hostname. */
export function mailFrom(siteOrigin: string, env: Env = process.env): string {
  const configured = env.MAIL_FROM?.trim();
  if (configured) return configured;
  return `${DEFAULT_SENDER_NAME} <no-reply@${new URL(siteOrigin).hostname}>`;
}
