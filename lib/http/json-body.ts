import type { z } from "zod";

/**
 * Reading and answering JSON for the API (app/api, via lib/flows/api.ts). Pure: no database, no
 * request context, so the unit tests can throw anything at it. Every error is
 * `{ "error": "...", "fields": { "<field>": "..." } }` with a 4xx status.
 */

/** Bodies larger than this are refused (413) before they are parsed. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

export const NO_STORE = { "Cache-Control": "private, no-store" };

export type FieldErrors = Record<string, string>;

export function apiError(status: number, error: string, fields: FieldErrors = {}, headers: HeadersInit = {}): Response {
  return Response.json({ error, fields }, { status, headers: { ...NO_STORE, ...headers } });
}

/** What an error can carry beside its message: keys of its own, never "error" or "fields". */
export type ErrorDetails = Record<string, unknown> & { error?: never; fields?: never };

/** apiError for an answer that tells the client what to do next: `details` sit beside "error" and "fields". */
export function apiErrorWith(status: number, error: string, details: ErrorDetails, headers: HeadersInit = {}): Response {
  return Response.json({ error, fields: {}, ...details }, { status, headers: { ...NO_STORE, ...headers } });
}

type BodyRead = { ok: true; body: Record<string, unknown> } | { ok: false; response: Response };

function isJsonMediaType(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** The raw bytes, or null once they pass the limit (the rest is never read). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A JSON object body: 415 unless it is declared as JSON, 413 if too large, 400 unless an object. */
/**
 * JSON can spell text that no database column can hold: half of a UTF-16 surrogate pair
 * ("\ud800"), which Prisma cannot even look up, and NUL ("\u0000"), which PostgreSQL refuses.
 * Either would turn a lookup into an error and the answer into a 500, so a body holding one
 * is refused as a whole, whatever field it is in.
 */
const UNSTORABLE = [
  { pattern: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, message: "The body contains text that is not valid Unicode." },
  { pattern: /\u0000/, message: "The body contains a NUL character (\\u0000), which no field accepts." },
];
class UnstorableText extends Error {}

function refuseUnstorableText(key: string, value: unknown): unknown {
  for (const { pattern, message } of UNSTORABLE) {
    if (pattern.test(key) || (typeof value === "string" && pattern.test(value))) throw new UnstorableText(message);
  }
  return value;
}

export async function readJsonObject(request: Request): Promise<BodyRead> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    return { ok: false, response: apiError(415, "Send the body as JSON, with Content-Type: application/json.") };
  }
  const tooLarge = { ok: false, response: apiError(413, `The body must be at most ${MAX_JSON_BODY_BYTES} bytes.`) } as const;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) return tooLarge;
  const bytes = await readLimited(request, MAX_JSON_BODY_BYTES);
  if (!bytes) return tooLarge;

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes), refuseUnstorableText);
  } catch (error) {
    const message = error instanceof UnstorableText ? error.message : "The body is not valid JSON.";
    return { ok: false, response: apiError(400, message) };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, response: apiError(400, "The body must be a JSON object.") };
  }
  return { ok: true, body: body as Record<string, unknown> };
}

/** A zod failure as field messages: the first problem per field; unknown keys are named. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  // A Map, then fromEntries: a key such as "__proto__" becomes a plain own property.
  const fields = new Map<string, string>();
  for (const issue of error.issues) {
    const unknown = issue.code === "unrecognized_keys";
    const names = unknown ? issue.keys : [String(issue.path[0] ?? "body")];
    for (const name of names) {
      if (!fields.has(name)) fields.set(name, unknown ? "This field is not accepted." : issue.message);
    }
  }
  return Object.fromEntries(fields);
}
