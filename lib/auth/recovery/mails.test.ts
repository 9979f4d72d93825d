import { describe, expect, it } from "vitest";
import { confirmAddressMail, emailChangeRequestedMail, loginUnlockMail, passwordChangedMail, passwordResetMail } from "./mails";

const LINK = "https://shop.example/reset-password?token=AbC-_123";

describe("the account mails", () => {
  const all = [
    passwordResetMail("ann@example.com", LINK),
    passwordChangedMail("ann@example.com", LINK),
    confirmAddressMail("ann@example.com", LINK, { change: false }),
    confirmAddressMail("ann@example.com", LINK, { change: true }),
    emailChangeRequestedMail("ann@example.com", "new@example.com", LINK),
    loginUnlockMail("ann@example.com", LINK, "https://shop.example/forgot-password"),
  ];

  it.each(all.map((mail) => [mail.subject, mail]))("%s: goes to the account, with the link whole in both bodies", (_subject, mail) => {
    expect(mail.to).toBe("ann@example.com");
    expect(mail.text).toContain(`\n${LINK}\n`);
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.html).toMatch(/^<!doctype html>/);
  });

  it("says how long a link works", () => {
    expect(passwordResetMail("a@example.com", LINK).text).toContain("within one hour");
    expect(confirmAddressMail("a@example.com", LINK, { change: false }).text).toContain("within 24 hours");
    expect(loginUnlockMail("a@example.com", LINK, LINK).text).toContain("within 7 days");
  });

  it("escapes what it puts in HTML", () => {
    const mail = emailChangeRequestedMail("a@example.com", `"><script>alert(1)</script>@example.com`, `${LINK}&x="y"`);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&#60;script&#62;");
    expect(mail.html).toContain(`href="${LINK}&#38;x=&#34;y&#34;"`);
    expect(mail.text).toContain(`<script>alert(1)</script>@example.com`); // text is text
  });

  it("offers a password reset beside the unlock link", () => {
    const mail = loginUnlockMail("a@example.com", LINK, "https://shop.example/forgot-password");
    expect(mail.text).toContain("100 times in a row");
    expect(mail.text).toContain("\nhttps://shop.example/forgot-password\n");
  });

  it("names the new address in the notice to the old one", () => {
    expect(emailChangeRequestedMail("old@example.com", "new@example.com", LINK).text).toContain("new@example.com");
  });
});
