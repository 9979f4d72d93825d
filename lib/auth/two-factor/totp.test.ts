import { describe, expect, it } from "vitest";
import { TOTP_PERIOD_SECONDS, matchingStep, newTotpSecret, readTotpCode, totpCodeAt, totpStep, totpUri } from "./totp";

const at = (iso: string) => new Date(iso);
const step = (date: Date, steps: number) => new Date(date.getTime() + steps * TOTP_PERIOD_SECONDS * 1000);

describe("TOTP codes", () => {
  const secret = newTotpSecret();
  const now = at("2026-12-02T12:00:10Z");

  it("uses 160-bit secrets, different each time, in base32", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it("matches the RFC 6238 test vector (SHA-1, at 59 s and at 1111111109 s)", () => {
    // The RFC's 20-byte ASCII secret "12345678901234567890", in base32; its 8-digit codes end in these 6.
    const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCodeAt(rfcSecret, new Date(59_000))).toBe("287082");
    expect(totpCodeAt(rfcSecret, new Date(1_111_111_109_000))).toBe("081804");
  });

  it("accepts the current step and one step of drift either way, nothing further", () => {
    for (const drift of [-1, 0, 1]) {
      expect(matchingStep(secret, totpCodeAt(secret, step(now, drift)), now), `drift ${drift}`).toBe(totpStep(now) + drift);
    }
    for (const drift of [-3, -2, 2, 3]) {
      expect(matchingStep(secret, totpCodeAt(secret, step(now, drift)), now), `drift ${drift}`).toBeNull();
    }
  });

  it("refuses a code made from another secret", () => {
    expect(matchingStep(newTotpSecret(), totpCodeAt(secret, now), now)).toBeNull();
  });

  it("reads what people type: spaces and hyphens dropped, six digits or nothing", () => {
    expect(readTotpCode("123 456")).toBe("123456");
    expect(readTotpCode(" 123-456 ")).toBe("123456");
    for (const input of ["", "12345", "1234567", "12345a", "１２３４５６", "123456\u0000"]) expect(readTotpCode(input), input).toBeNull();
  });

  it("gives apps an otpauth:// address with the shop, the account and the secret", () => {
    const uri = new URL(totpUri(secret, "ann@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(decodeURIComponent(uri.pathname)).toContain("Cookieshop:ann@example.com");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Cookieshop");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});
