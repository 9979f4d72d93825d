/**
 * Splits plain text into runs of text and http(s) links, so a page can render the links as
 * <a> elements with React escaping everything else: no HTML is ever built from the text.
 */

export type TextPart = { text: string } | { text: string; href: string };

/** A URL runs to the next space or character that cannot be part of one in running text. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the URL ("see https://a.example/x."). */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    if (!URL.canParse(url)) continue;
    if (match.index > rest) parts.push({ text: text.slice(rest, match.index) });
    parts.push({ text: url, href: url });
    rest = match.index + url.length;
  }
  if (rest < text.length) parts.push({ text: text.slice(rest) });
  return parts;
}
