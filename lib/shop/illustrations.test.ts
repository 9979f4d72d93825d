import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ILLUSTRATION, ILLUSTRATIONS, ILLUSTRATION_KEYS, illustrationSrc } from "./illustrations";

// The drawings are served from our own origin as images; each must exist, and none may
// carry script or reach out to another site.

const directory = path.resolve("public/illustrations");
const read = (key: string) => readFileSync(path.join(directory, `${key}.svg`), "utf8");

/** Open and close tags balance, ignoring comments, the XML prolog and self-closing tags. */
function tagsBalance(svg: string): boolean {
  const open: string[] = [];
  const withoutComments = svg.replace(/<!--[\s\S]*?-->/g, "").replace(/<\?xml[\s\S]*?\?>/, "");
  for (const [, closing, name, selfClosing] of withoutComments.matchAll(/<(\/?)([A-Za-z][\w:.-]*)\b[^<>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

describe("ILLUSTRATIONS", () => {
  it("lists the same keys as ILLUSTRATION_KEYS, including the default", () => {
    expect(ILLUSTRATION_KEYS).toEqual(Object.keys(ILLUSTRATIONS));
    expect(ILLUSTRATION_KEYS).toContain(DEFAULT_ILLUSTRATION);
  });

  it.each(ILLUSTRATION_KEYS)("has a well-formed drawing with a title for %s", (key) => {
    const svg = read(key).trim();
    expect(svg).toMatch(/^(?:<\?xml[^>]*\?>\s*)?<svg\b[^>]*\bxmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toMatch(/<\/svg>$/);
    expect(svg).toMatch(/<title>[^<]*\S[^<]*<\/title>/);
    expect(svg).toMatch(/\bviewBox="[\d.\s-]+"/);
    expect(tagsBalance(svg)).toBe(true);
  });

  it.each(ILLUSTRATION_KEYS)("carries no script or outside reference in %s", (key) => {
    const svg = read(key).toLowerCase();
    for (const forbidden of ["<script", 'href="http', "href='http", 'xlink:href="http', "<foreignobject", "javascript:", "<iframe", "<!entity", "@import", "url(http"]) {
      expect(svg, forbidden).not.toContain(forbidden);
    }
    expect(svg).not.toMatch(/\son[a-z]+\s*=/); // event handler attributes
  });

  it("checks balance for real", () => {
    expect(tagsBalance("<svg><g><path/></g></svg>")).toBe(true);
    expect(tagsBalance("<svg><g></svg>")).toBe(false);
    expect(tagsBalance("<svg><g></svg></g>")).toBe(false);
  });
});

describe("illustrationSrc", () => {
  it("points at the drawing for a known key", () => {
    for (const key of ILLUSTRATION_KEYS) expect(illustrationSrc(key)).toBe(`/illustrations/${key}.svg`);
  });

  it.each(["", "unknown", "Gingerbread", "../x", "../../etc/passwd", "gingerbread.svg", "__proto__", "constructor", "toString", "hasOwnProperty", "https://evil.example/x"])(
    "shows the default drawing for %j",
    (key) => {
      expect(illustrationSrc(key)).toBe(`/illustrations/${DEFAULT_ILLUSTRATION}.svg`);
    },
  );
});
