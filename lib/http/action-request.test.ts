import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isReadableActionCall } from "./action-request";

function call(body: BodyInit, contentType?: string) {
  const headers = new Headers({ "next-action": "60abc" });
  if (contentType) headers.set("content-type", contentType);
  return new Request("http://shop.example/login", { method: "POST", body, headers });
}

function multipart(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

describe("isReadableActionCall", () => {
  it("accepts the two shapes a browser sends", async () => {
    expect(await isReadableActionCall(call('[]', "text/plain;charset=UTF-8"))).toBe(true); // logout: no arguments
    expect(await isReadableActionCall(call('[{"message":"x"},"$undefined"]', "text/plain;charset=UTF-8"))).toBe(true);
    expect(await isReadableActionCall(call(multipart({ "0": '[{"message":null},"$K1"]', "1_email": "a@example.com" })))).toBe(true);
  });

  it("refuses garbage, non-arrays, and forms without the argument list", async () => {
    for (const body of ["garbage", "{", "[", "{}", "null", ""]) {
      expect(await isReadableActionCall(call(body, "text/plain")), body).toBe(false);
    }
    expect(await isReadableActionCall(call(multipart({ email: "a@example.com" })))).toBe(false);
    expect(await isReadableActionCall(call(multipart({ "0": "not json" })))).toBe(false);
    expect(await isReadableActionCall(call("--x\r\nbroken", "multipart/form-data; boundary=x"))).toBe(false);
  });

  it("allows only the references a form post uses", async () => {
    expect(await isReadableActionCall(call('[{"values":{"email":"$$money"}},"$undefined"]', "text/plain"))).toBe(true);
    for (const reference of ["$Q1", "$@1", "$T", "$W1", "$D2020", "$n1", "$F1", "$h1", "$K1"]) {
      expect(await isReadableActionCall(call(JSON.stringify([{ deep: [reference] }]), "text/plain")), reference).toBe(false);
    }
    expect(await isReadableActionCall(call(multipart({ "0": '["$Q1"]' })))).toBe(false);
  });

  it("never throws, whatever the body (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.constantFrom("text/plain", "multipart/form-data; boundary=b", "application/json"), async (body, type) => {
        expect(typeof (await isReadableActionCall(call(body, type)))).toBe("boolean");
      }),
    );
  });
});
