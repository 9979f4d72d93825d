import { describe, expect, it } from "vitest";
import { RECOVERY_CODE_BITS, RECOVERY_CODE_COUNT, hashRecoveryCode, newRecoveryCodes, readRecoveryCode } from "./recovery-codes";

describe("recovery codes", () => {
  const codes = newRecoveryCodes();

  it("are ten, all different, 24 characters of Crockford's base32 in groups of four (120 bits each)", () => {
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){5}$/);
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(112);
  });

  it("read back however they are typed, and look-alike letters count as the digits they resemble", () => {
    const code = codes[0]!;
    const bare = code.replace(/-/g, "");
    expect(readRecoveryCode(code)).toBe(bare);
    expect(readRecoveryCode(` ${code.toUpperCase().replace(/-/g, " ")} `)).toBe(bare);
    expect(readRecoveryCode("0000-1111-0000-1111-0000-1111".replace(/0/g, "O").replace(/1/g, "l"))).toBe("000011110000111100001111");
    for (const input of ["", bare.slice(1), `${bare}a`, bare.replace(/.$/, "u"), "123456"]) expect(readRecoveryCode(input), input).toBeNull();
  });

  it("are kept as the SHA-256 of their read form, the same however typed", () => {
    const code = codes[1]!;
    const hash = hashRecoveryCode(readRecoveryCode(code)!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.replace(/-/g, ""));
    expect(hashRecoveryCode(readRecoveryCode(code.toUpperCase())!)).toBe(hash);
    expect(hashRecoveryCode(readRecoveryCode(codes[2]!)!)).not.toBe(hash);
  });
});
