import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT_PATH, loginPathFor, pathWithNext, sanitizeNextPath } from "./next-path";

const BASE = "https://shop.example";

/** Where a browser (or the Next.js router, which resolves with `new URL`) goes for `path` on `base`. */
function resolvedOn(path: string, base = BASE): URL {
  return new URL(path, base);
}

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
    "/path%20with%20spaces",
    // "//" after the path is no other host: it stays in the query or the fragment
    "/cookies?return=//evil.example",
    "/cookies#//evil.example",
    "/cookies?q=%2F%2Fevil.example",
    // empty segments inside the path are a path on this site
    "/account//orders",
    "/a;b=c/d",
    // "..;" is no dot segment to a browser (only to some Java servers): one segment, on this site
    "/a/..;//evil.example",
  ])("keeps the same-origin path %j", (value) => {
    expect(sanitizeNextPath(value)).toBe(value);
  });

  it.each([
    // dot segments collapse: what is handed on is what will be navigated to
    ["/a/b/../c", "/a/c"],
    ["/a/./b", "/a/b"],
    ["/a/%2e%2e/b", "/b"],
    ["/a/%2E./b", "/b"],
    ["/a/.%2e/b", "/b"],
    ["/a/%2e/b", "/a/b"],
    ["/..", "/"],
    ["/../cookies", "/cookies"],
    ["/a/b/..", "/a/"],
    ["/cookies/..?q=1#x", "/?q=1#x"],
    // the browser's own escaping
    ["/café", "/caf%C3%A9"],
    ["/cookies?q=a b", "/cookies?q=a%20b"],
    ["/cookies#a b", "/cookies#a%20b"],
    ['/cookies?q="x"', "/cookies?q=%22x%22"],
    ["/cookies?", "/cookies"],
    ["/cookies#", "/cookies"],
  ])("hands on %j in its resolved form %j", (value, expected) => {
    expect(sanitizeNextPath(value)).toBe(expected);
    expect(sanitizeNextPath(expected)).toBe(expected);
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
    // dot segments that collapse into "//evil.example" once resolved
    "/a/..//evil.example",
    "/x/%2e%2e//evil.example",
    "/x/%2E%2E//evil.example",
    "/x/.%2e//evil.example",
    "/x/%2E.//evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "/././/evil.example",
    "/a/b/../..//evil.example",
    "/a/..//evil.example/cookies?q=1#x",
    "/a;x/..//evil.example",
    "/..//evil.example",
    "/a/../%2F/evil.example",
    "/a/..\\/evil.example",
    "/a/..%5C/evil.example",
    "/a/..\t//evil.example",
    "/a/.\n.//evil.example",
    // ... and the same once a layer of encoding is taken off
    "/x/%252e%252e//evil.example",
    "/x/%25%32%65%25%32%65//evil.example",
    "/%2e%2e%2f%2fevil.example",
    "/x/..%2F%2Fevil.example",
    "/x%2F..%2F%2Fevil.example",
    // malformed input
    "/%",
    "/%E0%A4%A",
    "/%zz",
    "",
    `/${"a".repeat(5000)}`,
    `/${"é".repeat(1000)}`, // short enough raw, too long once escaped
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
    for (let code = 0; code < 0x3000; code++) {
      const ch = String.fromCharCode(code);
      for (const candidate of [
        `/${ch}/evil.example`,
        `${ch}/evil.example`,
        `/${ch}evil.example`,
        `/a/.${ch}//evil.example`,
        `/a/${ch}..//evil.example`,
      ]) {
        const result = sanitizeNextPath(candidate);
        const url = resolvedOn(result);
        expect(url.origin, JSON.stringify(candidate)).toBe(BASE);
        expect(url.pathname.startsWith("//"), JSON.stringify(candidate)).toBe(false);
      }
    }
  });

  // Hostile strings built from the pieces that matter to a URL parser, glued in any order.
  const PIECES = [
    "/", "//", "\\", "..", ".", "%2e", "%2E", "%2e%2e", ".%2e", "%2E.", "%2f", "%2F", "%5c", "%5C",
    "%252e", "%252f", "%255c", "%25", "evil.example", "a", "cookies", "\t", "\n", "\r", " ", "?", "#",
    ";", "=", "&", "@", ":", "https:", "é", "／", "\u0000", "%00", "%09",
  ];
  const hostile = fc.oneof(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join("")),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => `/${parts.join("")}`),
    fc.string({ unit: "binary", maxLength: 40 }),
  );
  const origin = fc.domain().map((domain) => `https://${domain}`);

  it("property: the result stays on the origin it is resolved against, whatever is sent", () => {
    fc.assert(
      fc.property(hostile, origin, (value, base) => {
        const result = sanitizeNextPath(value);
        // (a) exactly one leading "/", no backslash
        expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
        expect(result).not.toContain("\\");
        // (b) resolved on any origin, it stays there, with no "//" that a later resolution reads as a host
        const url = resolvedOn(result, base);
        expect(url.origin).toBe(base);
        expect(url.pathname.startsWith("//")).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });

  it("property: the result is already the form it will be navigated to, and sanitizing it again changes nothing", () => {
    fc.assert(
      fc.property(hostile, origin, (value, base) => {
        const result = sanitizeNextPath(value);
        // (c) a fixed point
        expect(sanitizeNextPath(result)).toBe(result);
        // (d) its own resolved pathname + search + hash
        const url = resolvedOn(result, base);
        expect(url.pathname + url.search + url.hash).toBe(result);
      }),
      { numRuns: 20_000 },
    );
  });

  it("property: a dot segment that climbs out of any path into \"//host\" is refused", () => {
    const dots = fc.constantFrom("..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%2E.", ".%2E");
    const dot = fc.constantFrom(".", "%2e", "%2E");
    const segment = fc.stringMatching(/^[a-z0-9;=]{0,6}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), dot, dots, fc.boolean(), (segments, single, double, useDouble) => {
        // "/s1/s2/<as many .. as segments>//evil.example", or "/./" in place of the climb
        const climb = useDouble ? segments.map(() => double) : [single];
        const value = `/${[...(useDouble ? segments : []), ...climb].join("/")}//evil.example`;
        if (resolvedOn(value).pathname.startsWith("//")) {
          expect(sanitizeNextPath(value)).toBe(DEFAULT_NEXT_PATH);
        }
      }),
    );
  });
});

describe("loginPathFor", () => {
  it("encodes the path into the next parameter", () => {
    expect(loginPathFor("/checkout")).toBe("/login?next=%2Fcheckout");
    expect(loginPathFor("/account/orders?page=2")).toBe("/login?next=%2Faccount%2Forders%3Fpage%3D2");
  });

  it("does not carry a hostile path along", () => {
    expect(loginPathFor("//evil.example")).toBe("/login?next=%2Fcookies");
    expect(loginPathFor("/account/..//evil.example")).toBe("/login?next=%2Fcookies");
    expect(pathWithNext("/register", "https://evil.example")).toBe("/register?next=%2Fcookies");
  });

  it("carries the resolved path, which the login page reads back unchanged", () => {
    const path = loginPathFor("/account/orders/../orders?page=2");
    expect(path).toBe("/login?next=%2Faccount%2Forders%3Fpage%3D2");
    expect(sanitizeNextPath(new URL(path, BASE).searchParams.get("next"))).toBe("/account/orders?page=2");
  });
});
