import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT_PATH, loginPathFor, pathWithNext, sanitizeNextPath } from "./next-path";

describe("sanitizeNextPath", () => {
  it.each([
    "/",
    "/cookies",
    "/checkout",
    "/account",
    "/account/orders/42",
    "/admin/cookies?page=2",
    "/cookies?q=chocolate+chip&sort=price",
    "/cookies#oatmeal",
    "/cookies?next=%2Fcheckout",
    "/search?q=caf%C3%A9",
    "/café",
    "/a/b/../c",
    "/path%20with%20spaces",
  ])("keeps the same-origin path %j", (value) => {
    expect(sanitizeNextPath(value)).toBe(value);
  });

  it.each([
    // other origins, spelled every way a browser accepts
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "https://evil.example",
    "http://evil.example/cookies",
    "HTTPS://evil.example",
    "//evil.example/%2F..",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "evil.example",
    "cookies",
    "./cookies",
    "../cookies",
    "?next=/x",
    "#top",
    " /cookies",
    "\t/cookies",
    // control characters that browsers strip, turning "/\t/evil" into "//evil"
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "/cookies\u0000",
    "/\u007f/evil.example",
    "/\u0085/evil.example",
    "/\u2028/evil.example",
    // encoded tricks that decode to any of the above
    "/%2F/evil.example",
    "/%2f/evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0d%0aSet-Cookie:%20x=y",
    "/%00",
    "/%252F/evil.example", // double-encoded "//"
    "/%25252F/evil.example", // triple-encoded
    "/%2525252525252F/evil.example", // encoded more times than we are willing to unwrap
    "https%3A%2F%2Fevil.example",
    "/%E2%80%A8/evil.example",
    // malformed input
    "/%",
    "/%E0%A4%A",
    "/%zz",
    "",
    `/${"a".repeat(5000)}`,
  ])("rejects %j", (value) => {
    expect(sanitizeNextPath(value)).toBe(DEFAULT_NEXT_PATH);
  });

  it.each([undefined, null, 42, {}, ["/checkout"], new File([], "x")])(
    "falls back for a non-string value %#",
    (value) => {
      expect(sanitizeNextPath(value)).toBe(DEFAULT_NEXT_PATH);
    },
  );

  it("never returns something a browser would resolve to another origin", () => {
    const base = "https://shop.example";
    for (let code = 0; code < 0x3000; code++) {
      const ch = String.fromCharCode(code);
      for (const candidate of [`/${ch}/evil.example`, `${ch}/evil.example`, `/${ch}evil.example`]) {
        const result = sanitizeNextPath(candidate);
        expect(new URL(result, base).origin).toBe(base);
      }
    }
  });
});

describe("loginPathFor", () => {
  it("encodes the path into the next parameter", () => {
    expect(loginPathFor("/checkout")).toBe("/login?next=%2Fcheckout");
    expect(loginPathFor("/account/orders?page=2")).toBe("/login?next=%2Faccount%2Forders%3Fpage%3D2");
  });

  it("does not carry a hostile path along", () => {
    expect(loginPathFor("//evil.example")).toBe("/login?next=%2Fcookies");
    expect(pathWithNext("/register", "https://evil.example")).toBe("/register?next=%2Fcookies");
  });
});
