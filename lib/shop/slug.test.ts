import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe("slugify", () => {
  it.each([
    ["Crème Brûlée Bites", "creme-brulee-bites"],
    ["Chocolate Chip", "chocolate-chip"],
    ["  Oatmeal   Raisin  ", "oatmeal-raisin"],
    ["Peanut-Butter!!! (Classic)", "peanut-butter-classic"],
    ["Grandma's #1 Cookie", "grandma-s-1-cookie"],
    ["Ünïcödé Çookie", "unicode-cookie"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
    ["--already-a-slug--", "already-a-slug"],
    ["123", "123"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it.each(["🍪", "🍪🍪 ✨", "", "   ", "!!!", "---", "日本語"])("falls back to \"cookie\" for %j", (name) => {
    expect(slugify(name)).toBe("cookie");
  });

  it("cuts a long name at 60 characters", () => {
    expect(slugify("a".repeat(100))).toBe("a".repeat(60));
  });

  it("leaves no dash where the cut falls", () => {
    const name = `${"a".repeat(59)} bcd`;
    expect(slugify(name)).toBe("a".repeat(59));
    expect(slugify(`${"ab ".repeat(30)}`)).toBe(Array.from({ length: 20 }, () => "ab").join("-"));
  });

  it("always gives 1 to 60 characters of [a-z0-9] in dash-separated words, and is stable", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ maxLength: 120, unit: "grapheme" })), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(SLUG);
        expect(slug.length).toBeGreaterThanOrEqual(1);
        expect(slug.length).toBeLessThanOrEqual(60);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 1000 },
    );
  });
});
