import { describe, expect, it } from "vitest";
import { normalizeEmail } from "./email-address";

describe("normalizeEmail", () => {
  it.each([
    ["ann@example.com", "ann@example.com"],
    ["  Ann@Example.COM  ", "ann@example.com"],
    ["\tann@example.com\n", "ann@example.com"],
    ["ＡＮＮ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ann@example.com"], // full-width forms fold under NFKC
    ["ﬁona@example.com", "fiona@example.com"], // the "ﬁ" ligature
    ["Ǆ@example.com", "dž@example.com"], // the "DŽ" digraph unfolds to two letters
    ["e\u0301lise@example.com", "\u00e9lise@example.com"], // combining accent composes
  ])("%j becomes %j", (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it("is idempotent", () => {
    for (const raw of ["  Ann@Example.COM", "ＡＮＮ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ﬁona@example.com"]) {
      expect(normalizeEmail(normalizeEmail(raw))).toBe(normalizeEmail(raw));
    }
  });
});
