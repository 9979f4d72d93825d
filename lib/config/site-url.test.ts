import { describe, expect, it } from "vitest";
import { LOCAL_DEFAULT_PORT, siteUrl } from "./site-url";

describe("siteUrl", () => {
  it("builds links on AUTH_URL's origin, whatever slash or path AUTH_URL ends with", () => {
    for (const AUTH_URL of ["https://shop.example", "https://shop.example/", " https://shop.example/api/auth "]) {
      expect(siteUrl("/reset-password?token=abc", { AUTH_URL })).toBe("https://shop.example/reset-password?token=abc");
    }
    expect(siteUrl("/", { AUTH_URL: "http://localhost:3100" })).toBe("http://localhost:3100/");
    expect(siteUrl("/x", { AUTH_URL: "https://shop.example:8443/?q=1#top" })).toBe("https://shop.example:8443/x");
  });

  it("prefers AUTH_URL even in the local default", () => {
    expect(siteUrl("/x", { AUTH_URL: "http://127.0.0.1:4000", PORT: "5000" })).toBe("http://127.0.0.1:4000/x");
  });

  it("in the local default (embedded database, no SMTP_URL), uses localhost and the server's port", () => {
    expect(siteUrl("/verify-email?token=t", {})).toBe(`http://localhost:${LOCAL_DEFAULT_PORT}/verify-email?token=t`);
    expect(siteUrl("/x", { PORT: "3456" })).toBe("http://localhost:3456/x");
    expect(siteUrl("/x", { PORT: "3456", DATABASE_URL: "file:./other.db", SMTP_URL: "" })).toBe("http://localhost:3456/x");
    expect(siteUrl("/x", { PORT: "not-a-port" })).toBe(`http://localhost:${LOCAL_DEFAULT_PORT}/x`);
  });

  it("refuses to guess an address for mail that leaves the machine", () => {
    expect(() => siteUrl("/x", { SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/Set AUTH_URL/);
    expect(() => siteUrl("/x", { DATABASE_URL: "postgresql://db.example/shop" })).toThrow(/Set AUTH_URL/);
  });

  it.each(["", "reset", "//evil.example/reset", "/\\evil.example", "https://evil.example/reset"])(
    "refuses %j, which is not a path starting with a single slash",
    (path) => {
      expect(() => siteUrl(path, { AUTH_URL: "https://shop.example" })).toThrow(/single "\/"/);
    },
  );

  it("refuses an AUTH_URL it cannot build links from", () => {
    expect(() => siteUrl("/x", { AUTH_URL: "shop.example" })).toThrow(/AUTH_URL is not a valid URL/);
    expect(() => siteUrl("/x", { AUTH_URL: "ftp://shop.example" })).toThrow(/http\(s\)/);
  });
});
