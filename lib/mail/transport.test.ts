import { describe, expect, it } from "vitest";
import { chooseMailTransport, mailFrom } from "./transport";

describe("chooseMailTransport", () => {
  it("sends by SMTP whenever SMTP_URL is set, whatever the database", () => {
    expect(chooseMailTransport({ SMTP_URL: "smtp://127.0.0.1:2525" })).toEqual({ kind: "smtp", url: "smtp://127.0.0.1:2525" });
    expect(chooseMailTransport({ SMTP_URL: " smtps://smtp.example ", DATABASE_URL: "postgresql://db.example/shop" })).toEqual({
      kind: "smtp",
      url: "smtps://smtp.example",
    });
  });

  it("stores mail in the local outbox with the embedded database and no SMTP_URL", () => {
    expect(chooseMailTransport({})).toEqual({ kind: "outbox" });
    expect(chooseMailTransport({ SMTP_URL: "", DATABASE_URL: "file:./prisma/e2e.db" })).toEqual({ kind: "outbox" });
  });

  it("stores mail in the outbox only when the site's URL is on this machine", () => {
    for (const AUTH_URL of ["http://localhost:3000", "https://127.0.0.1:8443", "http://[::1]", ""]) {
      expect(chooseMailTransport({ AUTH_URL })).toEqual({ kind: "outbox" });
    }
    // A public site on the embedded database is a deployment: its mail must leave, not pile up.
    expect(() => chooseMailTransport({ AUTH_URL: "https://shop.example" })).toThrow(/Set SMTP_URL/);
  });

  it("has no way to send with another database and no SMTP_URL, and says so without repeating the database URL", () => {
    const env = { DATABASE_URL: "postgresql://shop:hunter2hunter2@db.example/shop" };
    expect(() => chooseMailTransport(env)).toThrow(/Set SMTP_URL/);
    expect(() => chooseMailTransport(env)).not.toThrow(/hunter2/);
  });
});

describe("mailFrom", () => {
  it("uses MAIL_FROM, or a no-reply address on the site's hostname", () => {
    expect(mailFrom("https://shop.example", { MAIL_FROM: "Cookieshop <shop@cookieshop.test>" })).toBe("Cookieshop <shop@cookieshop.test>");
    expect(mailFrom("https://shop.example:8443", {})).toBe("Cookieshop <no-reply@shop.example>");
    expect(mailFrom("http://localhost:3000", { MAIL_FROM: " " })).toBe("Cookieshop <no-reply@localhost>");
  });
});
