import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COOKIE_FORM_FIELDS, type FormFlash, MAX_FLASHED_VALUE, parseFormFlash, serializeFormFlash } from "./form-flash";

// The flash cookie comes back from the browser: reading it must take exactly what writing it
// produced, and anything else, however odd, reads as "no flash", never as an error.

const written: FormFlash = {
  form: "/admin/cookies/new",
  message: "Please correct the highlighted fields.",
  fieldErrors: { name: ["Give the cookie a name."], price: ["Enter a price like 2.50."] },
  values: { name: "", description: "Crunchy", price: "two", illustration: "chocolate-chip" },
};

const encode = (json: string) => Buffer.from(json).toString("base64url");

describe("parseFormFlash", () => {
  it("reads back what serializeFormFlash wrote", () => {
    expect(parseFormFlash(serializeFormFlash(written))).toEqual(written);
  });

  it.each([
    ["a message that is not text", { ...written, message: {} }],
    ["the forged cookie of the report", { message: {} }],
    ["no form", { message: written.message, fieldErrors: {}, values: written.values }],
    ["an unknown key", { ...written, success: "Saved" }],
    ["a prototype key", JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(written).slice(1)}`)],
    ["a prototype key among the values", { ...written, values: JSON.parse(`{"__proto__": "x", "name": ""}`) }],
    ["a constructor key among the errors", { ...written, fieldErrors: { constructor: ["x"] } }],
    ["an unknown field", { ...written, values: { ...written.values, password: "hunter2hunter2" } }],
    ["a missing value", { ...written, values: { name: "x" } }],
    ["errors that are not lists", { ...written, fieldErrors: { name: "wrong" } }],
    ["a value longer than any typed one kept", { ...written, values: { ...written.values, name: "x".repeat(MAX_FLASHED_VALUE + 1) } }],
    ["an array", [written]],
    ["null", null],
    ["a string", "hello"],
  ])("ignores %s", (_, forged) => {
    expect(parseFormFlash(encode(JSON.stringify(forged)))).toBeNull();
  });

  it.each([
    ["not base64url JSON", "not json at all"],
    ["empty", ""],
    ["truncated", serializeFormFlash(written).slice(0, 20)],
    ["huge", encode(`{"form": "${"x".repeat(100_000)}"`)],
  ])("ignores a cookie that is %s", (_, value) => {
    expect(parseFormFlash(value)).toBeNull();
  });

  it("never throws, whatever the cookie holds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map(encode), fc.json().map(encode), fc.jsonValue().map((v) => encode(JSON.stringify(v)))), (value) => {
        expect(() => parseFormFlash(value)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts exactly the shape the form handler writes", () => {
    const text = fc.string({ maxLength: 40 });
    const field = fc.constantFrom(...COOKIE_FORM_FIELDS);
    const flash = fc.record({
      form: text,
      message: text,
      fieldErrors: fc.dictionary(field, fc.array(text, { maxLength: 3 }), { maxKeys: 4 }),
      values: fc.record(Object.fromEntries(COOKIE_FORM_FIELDS.map((name) => [name, fc.string({ maxLength: MAX_FLASHED_VALUE })]))),
    });
    fc.assert(
      fc.property(flash, (value) => {
        expect(parseFormFlash(serializeFormFlash(value as FormFlash))).toEqual(value);
      }),
    );
    // The same with one more key anywhere at the top, or one missing: refused.
    fc.assert(
      fc.property(flash, fc.string().filter((key) => !["form", "message", "fieldErrors", "values"].includes(key)), fc.jsonValue(), (value, key, extra) => {
        expect(parseFormFlash(encode(JSON.stringify({ ...value, [key]: extra })))).toBeNull();
      }),
    );
    fc.assert(
      fc.property(flash, fc.constantFrom("form", "message", "fieldErrors", "values"), (value, key) => {
        const { [key]: _, ...rest } = value as Record<string, unknown>;
        expect(parseFormFlash(encode(JSON.stringify(rest)))).toBeNull();
      }),
    );
  });
});
