import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import {
  BCRYPT_COST,
  MAX_PASSWORD_BYTES,
  MIN_PASSWORD_LENGTH,
  HASH_FOR_UNKNOWN_USER,
  hashNeedsUpgrade,
  hashPassword,
  passwordByteLength,
  passwordLength,
  passwordPolicyProblem,
  verifyPassword,
} from "./password";

describe("password policy", () => {
  it("uses the numbers the standards ask for", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(MAX_PASSWORD_BYTES).toBe(72);
    expect(BCRYPT_COST).toBe(12);
  });

  it("accepts 12 characters and refuses 11", () => {
    expect(passwordPolicyProblem("a".repeat(12))).toBeNull();
    expect(passwordPolicyProblem("a".repeat(11))).toMatch(/at least 12 characters/);
    expect(passwordPolicyProblem("")).toMatch(/at least 12 characters/);
  });

  it("has no composition rules", () => {
    for (const password of ["aaaaaaaaaaaa", "correct horse battery staple", "123456789012", "            "]) {
      expect(passwordPolicyProblem(password)).toBeNull();
    }
  });

  it("counts characters, not UTF-16 units or bytes, toward the minimum", () => {
    const emoji = "🍪"; // one character, two UTF-16 units, four bytes
    expect(passwordLength(emoji.repeat(11))).toBe(11);
    expect(passwordPolicyProblem(emoji.repeat(11))).toMatch(/at least 12/);
    expect(passwordPolicyProblem(emoji.repeat(12))).toBeNull();
  });

  it("accepts exactly 72 bytes and refuses 73, with multi-byte characters", () => {
    const twoByte = "é".repeat(36); // U+00E9: 2 bytes in UTF-8
    expect(passwordByteLength(twoByte)).toBe(72);
    expect(passwordPolicyProblem(twoByte)).toBeNull();
    expect(passwordByteLength(`${twoByte}a`)).toBe(73);
    expect(passwordPolicyProblem(`${twoByte}a`)).toMatch(/at most 72 bytes/);

    const fourByte = "🍪".repeat(18); // 18 characters, 72 bytes
    expect(passwordPolicyProblem(fourByte)).toBeNull();
    expect(passwordPolicyProblem(`${fourByte}a`)).toMatch(/at most 72 bytes/);

    const threeByte = "€".repeat(24); // 72 bytes
    expect(passwordPolicyProblem(threeByte)).toBeNull();
    expect(passwordPolicyProblem(`${threeByte}€`)).toMatch(/at most 72 bytes/);

    expect(passwordPolicyProblem("a".repeat(72))).toBeNull();
    expect(passwordPolicyProblem("a".repeat(73))).toMatch(/at most 72 bytes/);
  });

  it("measures the normalized form", () => {
    // "e" + combining acute (3 bytes) composes to "é" (2 bytes) under NFKC.
    const decomposed = "e\u0301".repeat(36);
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
