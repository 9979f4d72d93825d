import { describe, expect, it } from "vitest";
import { type PasskeyChange, passkeyChangedMail } from "./mails";

describe("passkey notices", () => {
  const changes: PasskeyChange[] = ["added", "renamed", "removed"];

  it("each names the passkey, says what changed, and how to act if it was not the owner", () => {
    const subjects = new Set<string>();
    for (const change of changes) {
      const mail = passkeyChangedMail("ann@example.com", change, "My phone", "https://shop.example/account/security#passkeys");
      expect(mail.to).toBe("ann@example.com");
      expect(mail.text).toContain("“My phone”");
      expect(mail.text).toContain("If it was not you");
      expect(mail.html).toContain('<a href="https://shop.example/account/security#passkeys">Open the Security page</a>');
      subjects.add(mail.subject);
    }
    expect(subjects.size).toBe(changes.length);
  });

  it("escapes the owner's name for the passkey in the HTML part", () => {
    const mail = passkeyChangedMail("ann@example.com", "added", '<img src=x onerror="alert(1)">', "https://shop.example/account/security");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&#60;img");
  });
});
