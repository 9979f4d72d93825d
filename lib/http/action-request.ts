/**
 * A first look at a server-action call from JavaScript (a POST with a `Next-Action` header),
 * in middleware, before Next.js decodes it with React's reply format. Next.js answers any
 * call it cannot decode with a 500; this answers 400 instead, for anything our actions would
 * never receive from a browser:
 *
 * - the arguments must be a JSON array: the whole body (text/plain), or the multipart part
 *   "0" when an argument is a form;
 * - a string starting with "$" is one of React's references. Our actions take plain values
 *   and forms only, so the only ones allowed are "$undefined", an escaped "$$…", and in a
 *   multipart body "$K<n>" (a form, whose fields are the parts "<n>_…"). Anything else
 *   ("$Q1", "$@1", "$T", ...) points at things no form sends.
 *
 * Edge-safe: no Node APIs. Whatever passes still reaches an action that accepts any value
 * (lib/flows/account-actions.ts checks that it was given a form).
 */
export const UNREADABLE_ACTION = "This request could not be read.";

function argumentsIn(text: string): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function onlyPlainReferences(value: unknown, formsAllowed: boolean): boolean {
  if (typeof value === "string") {
    if (!value.startsWith("$") || value === "$undefined" || value.startsWith("$$")) return true;
    return formsAllowed && /^\$K\d+$/.test(value);
  }
  if (Array.isArray(value)) return value.every((item) => onlyPlainReferences(item, formsAllowed));
  if (value !== null && typeof value === "object") {
    return Object.values(value).every((item) => onlyPlainReferences(item, formsAllowed));
  }
  return true;
}

export async function isReadableActionCall(request: Request): Promise<boolean> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  const multipart = type === "multipart/form-data";
  let text: string;
  try {
    if (multipart) {
      const first = (await request.clone().formData()).get("0");
      if (typeof first !== "string") return false;
      text = first;
    } else {
      text = await request.clone().text();
    }
  } catch {
    return false; // not even parseable as what it claims to be
  }
  const args = argumentsIn(text);
  return args !== null && onlyPlainReferences(args, multipart);
}
