import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_JSON_BODY_BYTES, apiErrorWith, fieldErrors, readJsonObject } from "./json-body";

function post(body: BodyInit | null, contentType: string | null = "application/json", headers: Record<string, string> = {}) {
  const all = new Headers(headers);
  if (contentType !== null) all.set("content-type", contentType);
  return new Request("http://shop.example/api/login", { method: "POST", body, headers: all, duplex: "half" } as RequestInit);
}

async function statusOf(request: Request): Promise<number | "ok"> {
  const read = await readJsonObject(request);
  return read.ok ? "ok" : read.response.status;
}

describe("readJsonObject", () => {
  it("accepts a JSON object, with or without a charset", async () => {
    expect(await readJsonObject(post('{"a":1}'))).toEqual({ ok: true, body: { a: 1 } });
    expect(await statusOf(post("{}", "Application/JSON; charset=utf-8"))).toBe("ok");
  });

  it("refuses half a surrogate pair anywhere in the body with 400, and keeps whole pairs", async () => {
    for (const text of ['{"email":"\\ud800"}', '{"a":{"b":["x\\udfffy"]}}', '{"\\ud83d":1}', '{"p":"\\ude00\\ud83d"}']) {
      const read = await readJsonObject(post(text));
      expect(read.ok, text).toBe(false);
      if (!read.ok) {
        expect(read.response.status).toBe(400);
        expect(await read.response.json()).toMatchObject({ error: "The body contains text that is not valid Unicode." });
      }
    }
    expect(await readJsonObject(post('{"p":"\\ud83d\\ude00 and 😀"}'))).toEqual({ ok: true, body: { p: "😀 and 😀" } });
  });

  it("refuses a NUL character anywhere in the body with 400: PostgreSQL cannot store or look one up", async () => {
    for (const text of ['{"email":"a\\u0000@example.com"}', '{"a":["\\u0000"]}', '{"\\u0000":1}']) {
      const read = await readJsonObject(post(text));
      expect(read.ok, text).toBe(false);
      if (!read.ok) {
        expect(read.response.status).toBe(400);
        expect(await read.response.json()).toMatchObject({ error: expect.stringContaining("NUL character") });
      }
    }
    expect(await readJsonObject(post('{"p":"\\u0001 is fine"}'))).toEqual({ ok: true, body: { p: "\u0001 is fine" } });
  });

  it("refuses other media types with 415", async () => {
    for (const type of [null, "", "text/plain", "application/json-patch+json", "application/x-www-form-urlencoded"]) {
      expect(await statusOf(post("{}", type)), String(type)).toBe(415);
    }
  });

  it("refuses bodies over the limit with 413, declared or not", async () => {
    const padding = "x".repeat(MAX_JSON_BODY_BYTES);
    expect(await statusOf(post(`{"a":"${padding}"}`))).toBe(413);
    const exact = `{"a":"${"x".repeat(MAX_JSON_BODY_BYTES - 8)}"}`;
    expect(new TextEncoder().encode(exact).length).toBe(MAX_JSON_BODY_BYTES);
    expect(await statusOf(post(exact))).toBe("ok");
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    expect(await statusOf(post(stream))).toBe(413);
    expect(await statusOf(post("{}", "application/json", { "content-length": String(MAX_JSON_BODY_BYTES + 1) }))).toBe(413);
  });

  it("refuses anything but a JSON object with 400 and a message", async () => {
    for (const body of ["", "{", "[]", "null", "1", '"a"', "{}{}", "\u0000"]) {
      const read = await readJsonObject(post(body));
      expect(read.ok, body).toBe(false);
      if (!read.ok) {
        expect(read.response.status).toBe(400);
        expect(await read.response.json()).toEqual({ error: expect.stringMatching(/JSON/), fields: {} });
      }
    }
    expect(await statusOf(post(new Uint8Array([0x7b, 0x7d, 0xff])))).toBe(400); // not UTF-8
  });

  it("never throws and always answers ok or a 4xx, whatever the bytes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.json().map((text) => new TextEncoder().encode(text))), async (bytes) => {
        const result = await statusOf(post(bytes));
        expect(result === "ok" || (result >= 400 && result < 500)).toBe(true);
      }),
    );
  });

  it("keeps __proto__ as a plain key: it does not touch the prototype", async () => {
    const read = await readJsonObject(post('{"__proto__":{"role":"admin"}}'));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(Object.keys(read.body)).toEqual(["__proto__"]);
      expect((read.body as { role?: unknown }).role).toBeUndefined();
      expect(({} as { role?: unknown }).role).toBeUndefined();
    }
  });
});

describe("fieldErrors", () => {
  it("gives the first message per field and names unknown keys", () => {
    const schema = z.strictObject({ email: z.string().min(3, "too short").email("not an email"), age: z.number() });
    const result = schema.safeParse({ email: "a", age: "x", role: "admin", __proto__x: 1 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldErrors(result.error)).toEqual({
        email: "too short",
        age: expect.any(String),
        role: "This field is not accepted.",
        __proto__x: "This field is not accepted.",
      });
    }
    const proto = z.strictObject({}).safeParse(JSON.parse('{"__proto__":{"role":"admin"}}'));
    if (!proto.success) {
      const fields = fieldErrors(proto.error);
      expect(Object.keys(fields)).toEqual(["__proto__"]);
      expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
      expect(JSON.stringify(fields)).toBe('{"__proto__":"This field is not accepted."}');
    } else {
      throw new Error("a strict object must refuse __proto__");
    }
  });
});

describe("apiErrorWith", () => {
  it("adds its details beside the error and empty fields, uncached", async () => {
    const response = apiErrorWith(401, "A second factor is required.", { secondFactor: { challenge: "c" } }, { "X-Extra": "1" });
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-extra")).toBe("1");
    expect(await response.text()).toBe('{"error":"A second factor is required.","fields":{},"secondFactor":{"challenge":"c"}}');
  });
});
