// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Whether `text` holds a character that belongs in no name, address, path or setting we
 * store, look up or send on: PostgreSQL cannot store or search for NUL, a line break in a
 * header or a redirect splits it, and the rest are invisible. `allowLineBreaks` lets
 * multi-line text keep tabs and line breaks.
 */
export function hasControlCharacter(text: string, { allowLineBreaks = false } = {}): boolean {
  return CONTROL_CHARACTER.test(allowLineBreaks ? text.replace(/[\t\r\n]/g, " ") : text);
}
