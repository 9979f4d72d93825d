import { describe, expect, it } from "vitest";
import { type TwoFactorChange, twoFactorChangedMail } from "./mails";

describe("two-factor notices", () => {
  const changes: TwoFactorChange[] = ["enabled", "disabled", "reset", "recovery-codes-regenerated", "recovery-code-used"];

  it("each says what changed, and how to act if it was not the owner", () => {
    const subjects = new Set<string>();
    for (const change of changes) {
      const mail = twoFactorChangedMail("ann@example.com", change, "https://shop.example/forgot-password");
      expect(mail.to).toBe("ann@example.com");
      expect(mail.text).toContain("If it was not you, reset your password now");
      expect(mail.text).toContain("https://shop.example/forgot-password");
      expect(mail.html).toContain('<a href="https://shop.example/forgot-password">Reset my password</a>');
      subjects.add(mail.subject);
    }
    // Turning it off and the shop's reset of it share a subject; their first lines differ.
    expect(subjects.size).toBe(changes.length - 1);
    expect(twoFactorChangedMail("a@example.com", "reset", "x").text).toContain("At your request, the shop turned off");
  });
});
