import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BCRYPT_COST, ConfigurationError } from "../../config/env";
import { HASH_FOR_UNKNOWN_USER, hashForUnknownUser, hashNeedsUpgrade, hashPassword, verifyPassword } from "./hashing";

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
