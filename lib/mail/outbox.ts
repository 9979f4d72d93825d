import "server-only";
import { db } from "../db/client";
import type { MailMessage } from "./message";

/**
 * The local outbox: with the embedded default and no SMTP_URL, every message is stored here
 * instead of sent, and a developer reads it at /dev/outbox. Only lib/mail/send.ts writes it.
 */

export type OutboxEntry = MailMessage & { id: string; createdAt: Date };

export async function storeInOutbox({ to, subject, text, html }: MailMessage): Promise<void> {
  await db.outboxMessage.create({ data: { to, subject, text, html } });
}

/** The newest `limit` messages, newest first (the id settles messages stored in the same millisecond). */
export function newestOutboxMessages(limit: number): Promise<OutboxEntry[]> {
  return db.outboxMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, createdAt: true, to: true, subject: true, text: true, html: true },
  });
}
