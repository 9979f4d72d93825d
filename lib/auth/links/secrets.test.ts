import { describe, expect, it } from "vitest";
import { EMAIL_LINK_LIFETIME_MS, hashLinkSecret, isWellFormedLinkSecret, linkExpiry, newLinkSecret } from "./secrets";

describe("newLinkSecret", () => {
  it("is 256 bits of base64url, different every time", () => {
    const secrets = new Set(Array.from({ length: 1000 }, newLinkSecret));
    expect(secrets.size).toBe(1000);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    }
  });

  it("uses the whole alphabet (not, say, hex)", () => {
    const seen = new Set([...Array.from({ length: 200 }, newLinkSecret).join("")]);
    expect(seen.size).toBe(64);
  });

  it("is accepted by isWellFormedLinkSecret", () => {
    expect(isWellFormedLinkSecret(newLinkSecret())).toBe(true);
  });
});

describe("hashLinkSecret", () => {
  it("is the SHA-256 in hex, never the secret itself", () => {
    const secret = newLinkSecret();
    const hash = hashLinkSecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(secret);
    expect(hashLinkSecret(secret)).toBe(hash);
    expect(hashLinkSecret(newLinkSecret())).not.toBe(hash);
  });

  it("matches a known vector", () => {
    expect(hashLinkSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("isWellFormedLinkSecret", () => {
  it.each([
    ["undefined", undefined],
    ["an array (?token=a&token=b)", [newLinkSecret(), newLinkSecret()]],
    ["empty", ""],
    ["one short", newLinkSecret().slice(1)],
    ["one long", `${newLinkSecret()}A`],
    ["padding", `${newLinkSecret().slice(1)}=`],
    ["standard base64", `${newLinkSecret().slice(2)}+/`],
    ["a NUL", `${newLinkSecret().slice(1)}\u0000`],
    ["a space", ` ${newLinkSecret().slice(1)}`],
  ])("refuses %s", (_label, value) => {
    expect(isWellFormedLinkSecret(value)).toBe(false);
  });
});

describe("linkExpiry", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  it("gives a reset link one hour", () => {
    expect(linkExpiry("password-reset", now).toISOString()).toBe("2026-12-01T13:00:00.000Z");
    expect(EMAIL_LINK_LIFETIME_MS["password-reset"]).toBe(3_600_000);
  });

  it("gives an address confirmation 24 hours", () => {
    expect(linkExpiry("confirm-email", now).toISOString()).toBe("2026-12-02T12:00:00.000Z");
  });
});
