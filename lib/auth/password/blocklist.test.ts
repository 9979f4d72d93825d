import { describe, expect, it } from "vitest";
import {
  COMMON_PASSWORD_COUNT,
  COMMON_PASSWORD_MESSAGES as refused,
  COMMON_PASSWORD_SOURCE,
  MIN_REPEATED_PIECE_LENGTH,
  commonPasswordProblem,
} from "./blocklist";
import { MIN_PASSWORD_LENGTH } from "./policy";

describe("the common-password list", () => {
  it("has at least 10,000 entries and says where it comes from", () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
    expect(COMMON_PASSWORD_SOURCE).toMatch(/@zxcvbn-ts\/language-common \(MIT\)/);
  });

  it("asks a repeated piece to be as long as the policy's minimum", () => {
    expect(MIN_REPEATED_PIECE_LENGTH).toBe(MIN_PASSWORD_LENGTH);
  });
});

describe("commonPasswordProblem", () => {
  it.each(["password", "PassWord", "QWERTYUIOP", "Leavemealone", "123qweasdzxc", "password1234"])(
    "refuses the listed password %j, in any case",
    (password) => {
      expect(commonPasswordProblem(password)).toBe(refused.listed);
    },
  );

  it.each(["ｐａｓｓｗｏｒｄ１２３４", "ＬＥＡＶＥＭＥＡＬＯＮＥ"])("refuses the full-width form %j of a listed password", (password) => {
    expect(commonPasswordProblem(password)).toBe(refused.listed);
  });

  it.each(["Password1234!", "princess2024", "!!monkey2024", "dragon 1990!!", "sunshine!!!!", "ｐａｓｓｗｏｒｄ１２３４！"])(
    "refuses %j, a listed password with digits or symbols around it",
    (password) => {
      expect(commonPasswordProblem(password)).toBe(refused.listedWithAffixes);
    },
  );

  it("does not look up a core shorter than four characters", () => {
    expect(commonPasswordProblem("dog582073194602")).toBeNull();
    expect(commonPasswordProblem("love582073194602")).toBe(refused.listedWithAffixes);
  });

  it.each([
    "aaaaaaaaaaaa",
    "abcabcabcabc",
    "xyzxyzxyzxyzx", // a piece need not fit a whole number of times
    "horsehorsehorse",
    "qwertyqwerty",
    "tulip gardetulip garde", // an 11-character piece
    "leavemealoneleavemealone", // a listed piece, however long
    "🍪".repeat(12),
    "é".repeat(36),
    "aaaaaaaaaaaa!!",
    "111111111111!",
  ])("refuses %j, a short or common piece repeated", (password) => {
    expect(commonPasswordProblem(password)).toBe(refused.repeated);
  });

  it("accepts a repeated piece that is itself long enough and not listed", () => {
    expect(commonPasswordProblem("tulip gardentulip garden")).toBeNull();
  });

  it.each(["abcdefghijkl", "lkjihgfedcba", "987654321098", "xyzabcdefghi", "ＡＢＣＤＥＦＧＨＩＪＫＬ", "abcdefghijkl!!", "#0123456789012!"])(
    "refuses the sequence %j",
    (password) => {
      expect(commonPasswordProblem(password)).toBe(refused.sequence);
    },
  );

  it("refuses nothing for being nearly a sequence", () => {
    expect(commonPasswordProblem("abcdefghijkz")).toBeNull();
    expect(commonPasswordProblem("1234567890135")).toBeNull();
  });

  it.each(["cookieshop lover", "My Cookie Shop 2024", "the-COOKIE-SHOP!", "ｃｏｏｋｉｅｓｈｏｐ rules"])(
    "refuses %j, which contains the shop's name",
    (password) => {
      expect(commonPasswordProblem(password)).toBe(refused.serviceName);
    },
  );

  it("tells the shop's name from words that merely touch", () => {
    expect(commonPasswordProblem("we ate cookies hop by hop")).toBeNull();
  });

  describe("with the account's email", () => {
    const ann = { email: "Ann.Smith@Example.com " };

    it.each(["ann.smith forever", "AnnSmith and tea", "tea with ann smith", "ann.smith@example.com"])(
      "refuses %j, which contains the email or its name part",
      (password) => {
        expect(commonPasswordProblem(password, ann)).toBe(refused.email);
        expect(commonPasswordProblem(password)).toBeNull();
      },
    );

    it("refuses the whole address even when its name part is short", () => {
      expect(commonPasswordProblem("jo@example.com", { email: "jo@example.com" })).toBe(refused.email);
      expect(commonPasswordProblem("jo and the tea party", { email: "jo@example.com" })).toBeNull();
    });

    it("ignores an email without a name part", () => {
      expect(commonPasswordProblem("tea @ the garden party", { email: "@" })).toBeNull();
      expect(commonPasswordProblem("tea in the garden", { email: "" })).toBeNull();
    });
  });

  it.each([
    "correct horse battery staple",
    "Tulips-in-Amsterdam-1990",
    "a completely different passphrase",
    "my cookie jar is empty",
    "shop for cookies at noon",
    "582073194602",
    "Ünïcödé ïs fïné hérè",
  ])("accepts the passphrase %j", (password) => {
    expect(commonPasswordProblem(password, { email: "ann.smith@example.com" })).toBeNull();
  });
});
