import { describe, expect, it } from "vitest";
import { splitLinks } from "./text-links";

describe("splitLinks", () => {
  it("cuts text into plain runs and http(s) links, losing nothing", () => {
    const text = "Open this link:\n\nhttp://localhost:3000/reset-password?token=a_b-C&x=1\n\nThanks.";
    const parts = splitLinks(text);
    expect(parts).toEqual([
      { text: "Open this link:\n\n" },
      { text: "http://localhost:3000/reset-password?token=a_b-C&x=1", href: "http://localhost:3000/reset-password?token=a_b-C&x=1" },
      { text: "\n\nThanks." },
    ]);
    expect(parts.map((part) => part.text).join("")).toBe(text);
  });

  it("leaves sentence punctuation after a link outside it", () => {
    expect(splitLinks("See https://shop.example/x. Or (https://shop.example/y).")).toEqual([
      { text: "See " },
      { text: "https://shop.example/x", href: "https://shop.example/x" },
      { text: ". Or (" },
      { text: "https://shop.example/y", href: "https://shop.example/y" },
      { text: ")." },
    ]);
  });

  it("never makes a link of anything but http(s)", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<script>x</script>", "<a href=\"x\">x</a>", "no links at all", ""]) {
      expect(splitLinks(text).some((part) => "href" in part)).toBe(false);
      expect(splitLinks(text).map((part) => part.text).join("")).toBe(text);
    }
    expect(splitLinks('https://a.example/"onmouseover="x')).toEqual([
      { text: "https://a.example/", href: "https://a.example/" },
      { text: '"onmouseover="x' },
    ]);
  });
});
