import { describe, expect, it } from "vitest";
import { BCRYPT_COST } from "../../config/env";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH, passwordByteLength, passwordLength, passwordPolicyProblem } from "./policy";

// Passwords that meet the policy at its limits. None repeats one piece: the blocklist would refuse it.
const TWELVE_CHARACTERS = "tulip garden";
const TWELVE_EMOJI = "🍪🥛🍫🍩🧁🎂🍰🥐🥨🍯🍓🍒";
const TWO_BYTE_72 = "съешьжеещёэтихмягкихфранцузскихбулок"; // 36 Cyrillic letters
const THREE_BYTE_72 = "いろはにほへとちりぬるをわかよたれそつねならむう"; // 24 kana
const FOUR_BYTE_72 = "🍪🥛🍫🍩🧁🎂🍰🥐🥨🍯🍓🍒🍑🍋🍊🍎🍏🍇"; // 18 emoji
const ASCII_72 = "the quick brown fox jumps over the lazy dog while the cookies cool down!";

describe("password policy", () => {
  it("uses the numbers the standards ask for", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(MAX_PASSWORD_BYTES).toBe(72);
    expect(BCRYPT_COST).toBe(12);
  });

  it("accepts 12 characters and refuses 11", () => {
    expect(passwordPolicyProblem(TWELVE_CHARACTERS)).toBeNull();
    expect(passwordPolicyProblem(TWELVE_CHARACTERS.slice(0, 11))).toMatch(/at least 12 characters/);
    expect(passwordPolicyProblem("")).toMatch(/at least 12 characters/);
  });

  it("has no composition rules", () => {
    for (const password of ["correct horse battery staple", "582073194602", "#!?% &*@ +=)(", "TULIPS IN MAY"]) {
      expect(passwordPolicyProblem(password)).toBeNull();
    }
  });

  it("refuses what the blocklist refuses, after the length checks", () => {
    expect(passwordPolicyProblem("aaaaaaaaaaaa")).toMatch(/repeats a short piece/);
    expect(passwordPolicyProblem("Password1234!")).toMatch(/common password/);
    expect(passwordPolicyProblem("password")).toMatch(/at least 12 characters/);
    expect(passwordPolicyProblem("a".repeat(73))).toMatch(/at most 72 bytes/);
  });

  it("passes the account's email on to the blocklist", () => {
    expect(passwordPolicyProblem("ann.smith forever")).toBeNull();
    expect(passwordPolicyProblem("ann.smith forever", { email: "ann.smith@example.com" })).toMatch(/your email/);
  });

  it("counts characters, not UTF-16 units or bytes, toward the minimum", () => {
    const emoji = "🍪"; // one character, two UTF-16 units, four bytes
    expect(passwordLength(emoji.repeat(11))).toBe(11);
    expect(passwordPolicyProblem(emoji.repeat(11))).toMatch(/at least 12/);
    expect(passwordLength(TWELVE_EMOJI)).toBe(12);
    expect(passwordPolicyProblem(TWELVE_EMOJI)).toBeNull();
  });

  it("accepts exactly 72 bytes and refuses 73, with multi-byte characters", () => {
    for (const password of [TWO_BYTE_72, THREE_BYTE_72, FOUR_BYTE_72, ASCII_72]) {
      expect(passwordByteLength(password)).toBe(72);
      expect(passwordPolicyProblem(password)).toBeNull();
    }
    expect(passwordByteLength(`${TWO_BYTE_72}a`)).toBe(73);
    expect(passwordPolicyProblem(`${TWO_BYTE_72}a`)).toMatch(/at most 72 bytes/);
    expect(passwordPolicyProblem(`${THREE_BYTE_72}€`)).toMatch(/at most 72 bytes/);
    expect(passwordPolicyProblem(`${FOUR_BYTE_72}a`)).toMatch(/at most 72 bytes/);
    expect(passwordPolicyProblem(`${ASCII_72}a`)).toMatch(/at most 72 bytes/);
  });

  it("measures the normalized form", () => {
    // Decomposed, "ё" is "е" + combining diaeresis (4 bytes); NFKC composes it again (2 bytes).
    const decomposed = TWO_BYTE_72.normalize("NFD");
    expect(new TextEncoder().encode(decomposed).length).toBe(74);
    expect(passwordByteLength(decomposed)).toBe(72);
    expect(passwordPolicyProblem(decomposed)).toBeNull();
  });
});
