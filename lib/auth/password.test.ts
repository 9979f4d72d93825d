import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../env";
import {
  BCRYPT_COST,
  MAX_PASSWORD_BYTES,
  MIN_PASSWORD_LENGTH,
  HASH_FOR_UNKNOWN_USER,
  hashForUnknownUser,
  hashNeedsUpgrade,
  hashPassword,
  passwordByteLength,
  passwordLength,
  passwordPolicyProblem,
  verifyPassword,
} from "./password";

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

const PASSWORD_EXAMPLE = "correct horse battery staple";

describe("password hashing", () => {
  it("hashes with bcrypt at the configured cost and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).not.toContain("correct horse");
    expect(bcrypt.getRounds(hash)).toBe(BCRYPT_COST);
    await expect(verifyPassword("correct horse battery staple", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct horse battery stapl", hash)).resolves.toBe(false);
  });

  it("treats differently composed Unicode as the same password", async () => {
    const hash = await hashPassword("caf\u00e9 au lait cookies");
    await expect(verifyPassword("cafe\u0301 au lait cookies", hash)).resolves.toBe(true);
  });

  it("never matches input longer than bcrypt reads, even when its first 72 bytes do", async () => {
    const password = "a".repeat(72);
    const hash = await hashPassword(password);
    await expect(verifyPassword(`${password}b`, hash)).resolves.toBe(false);
  });

  it("keeps a dummy hash at the real cost for unknown users", async () => {
    expect(bcrypt.getRounds(HASH_FOR_UNKNOWN_USER)).toBe(BCRYPT_COST);
    await expect(hashForUnknownUser()).resolves.toBe(HASH_FOR_UNKNOWN_USER);
    for (const guess of ["", "password", PASSWORD_EXAMPLE]) {
      await expect(verifyPassword(guess, HASH_FOR_UNKNOWN_USER)).resolves.toBe(false);
    }
  });
});

describe("hashNeedsUpgrade", () => {
  it("is true for a hash made at a lower cost and false at the current cost", async () => {
    expect(hashNeedsUpgrade(await bcrypt.hash("some password here", 4))).toBe(true);
    expect(hashNeedsUpgrade(await bcrypt.hash("some password here", BCRYPT_COST - 1))).toBe(true);
    expect(hashNeedsUpgrade(HASH_FOR_UNKNOWN_USER)).toBe(false);
  });
});

describe("a test cost (BCRYPT_COST below 12)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("hashes at that cost for a site on this machine, and gives unknown users a dummy hash at it too", async () => {
    vi.stubEnv("AUTH_URL", "http://localhost:3100");
    vi.stubEnv("BCRYPT_COST", "4");
    const hash = await hashPassword(PASSWORD_EXAMPLE);
    expect(bcrypt.getRounds(hash)).toBe(4);
    const dummy = await hashForUnknownUser();
    expect(bcrypt.getRounds(dummy)).toBe(4);
    await expect(hashForUnknownUser()).resolves.toBe(dummy); // made once
    await expect(verifyPassword(PASSWORD_EXAMPLE, dummy)).resolves.toBe(false);
    // Hashes at a higher cost stay as they are: an upgrade never lowers a cost.
    expect(hashNeedsUpgrade(HASH_FOR_UNKNOWN_USER)).toBe(false);
    expect(hashNeedsUpgrade(hash)).toBe(false);
  });

  it.each([["https://shop.example"], [""], ["http://192.168.1.5:3000"]])(
    "refuses to hash at all when the site URL is %j, not on this machine",
    async (authUrl) => {
      vi.stubEnv("AUTH_URL", authUrl);
      vi.stubEnv("BCRYPT_COST", "11");
      await expect(hashPassword(PASSWORD_EXAMPLE)).rejects.toThrow(ConfigurationError);
      expect(() => hashNeedsUpgrade(HASH_FOR_UNKNOWN_USER)).toThrow(/BCRYPT_COST must be a whole number from 12/);
    },
  );
});
