import type { MailMessage } from "./message";

/**
 * A message from paragraphs: plain text first (what every client shows) and a simple HTML
 * twin, in which a link paragraph is a button; in the text it is the bare URL.
 */

const SIGNATURE = "The Cookieshop team";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export type Paragraph = string | { link: string; label: string };

export function composeMail(to: string, subject: string, paragraphs: Paragraph[]): MailMessage {
  const all = [...paragraphs, SIGNATURE];
  const text = all.map((paragraph) => (typeof paragraph === "string" ? paragraph : paragraph.link)).join("\n\n");
  const html = all
    .map((paragraph) =>
      typeof paragraph === "string"
        ? `<p>${escapeHtml(paragraph)}</p>`
        : `<p><a href="${escapeHtml(paragraph.link)}">${escapeHtml(paragraph.label)}</a></p>`,
    )
    .join("\n");
  return { to, subject, text: `${text}\n`, html: `<!doctype html>\n<html><body>\n${html}\n</body></html>\n` };
}
