import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { newestOutboxMessages } from "@/lib/mail/outbox";
import { mayReadOutbox } from "@/lib/mail/outbox-access";
import { splitLinks } from "@/lib/mail/text-links";

/**
 * The local outbox: in the embedded default (no SMTP_URL) the shop stores its mail instead of
 * sending it (lib/mail/send.ts), and a developer reads it here, links and all.
 */

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

const OUTBOX_PAGE_SIZE = 50;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The plain-text body with its links clickable; React escapes the rest (the HTML body is never shown). */
function TextWithLinks({ text }: { text: string }) {
  return splitLinks(text).map((part, index) =>
    "href" in part ? (
      <a key={index} href={part.href} rel="noreferrer">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Every account's reset links are stored here: only the local default, only from this machine
  // directly, only with the key server.ts printed (lib/mail/outbox-access.ts).
  const { key } = await searchParams;
  if (!mayReadOutbox({ headers: await headers(), key: typeof key === "string" ? key : undefined })) notFound();
  const messages = await newestOutboxMessages(OUTBOX_PAGE_SIZE);

  return (
    <div className="mx-auto max-w-3xl">
      <h1>Outbox</h1>
      <p className="lead">
        The mail the shop would have sent, newest first (the last {OUTBOX_PAGE_SIZE}). Mail is kept here because no
        SMTP_URL is set; only this machine can see this page, with the link the server printed when it started.
      </p>
      {messages.length === 0 ? (
        <p className="card muted">No mail yet.</p>
      ) : (
        <ol className="stack">
          {messages.map((message) => (
            <li key={message.id} className="card" data-testid="outbox-message">
              <h2 className="mb-1 wrap-anywhere">{message.subject}</h2>
              <p className="mb-4 text-sm muted wrap-anywhere">
                To {message.to} · <time dateTime={message.createdAt.toISOString()}>{dateTime.format(message.createdAt)} UTC</time>
              </p>
              <pre className="text-sm whitespace-pre-wrap wrap-anywhere">
                <TextWithLinks text={message.text} />
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
