import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const SECRET = "e2e-only-secret-not-for-production-0123456789";
const OTHER_SECRET = "another-auth-secret-at-least-32-characters-long";

describe("the secret box", () => {
  it("opens what it sealed, for the same account, with the same AUTH_SECRET", () => {
    const box = sealSecret("JBSWY3DPEHPK3PXP", "user-1", SECRET);
    expect(box).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(box, "user-1", [SECRET])).toEqual({ plaintext: "JBSWY3DPEHPK3PXP", keyIndex: 0 });
  });

  it("seals the same secret differently each time (a fresh IV)", () => {
    expect(sealSecret("JBSWY3DPEHPK3PXP", "user-1", SECRET)).not.toBe(sealSecret("JBSWY3DPEHPK3PXP", "user-1", SECRET));
  });

  it("does not open for another account, another AUTH_SECRET, or after any change", () => {
    const box = sealSecret("JBSWY3DPEHPK3PXP", "user-1", SECRET);
    expect(openSecret(box, "user-2", [SECRET])).toBeNull();
    expect(openSecret(box, "user-1", [OTHER_SECRET])).toBeNull();
    const [version, iv, sealed] = box.split(".") as [string, string, string];
    const flipped = Buffer.from(sealed, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    for (const tampered of [`${version}.${iv}.${flipped.toString("base64url")}`, `v2.${iv}.${sealed}`, `${version}.${iv}`, `${box}.x`, "", "v1..", "v1.AAAA.AAAA"]) {
      expect(openSecret(tampered, "user-1", [SECRET]), tampered).toBeNull();
    }
  });

  it("opens a box sealed under the previous AUTH_SECRET during a rotation, and says so", () => {
    const box = sealSecret("JBSWY3DPEHPK3PXP", "user-1", OTHER_SECRET);
    expect(openSecret(box, "user-1", [SECRET, OTHER_SECRET])).toEqual({ plaintext: "JBSWY3DPEHPK3PXP", keyIndex: 1 });
  });
});
