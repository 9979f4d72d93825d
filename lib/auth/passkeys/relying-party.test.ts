import { describe, expect, it } from "vitest";
import { relyingParty } from "./relying-party";

describe("relyingParty", () => {
  it("takes the id from AUTH_URL's host name and the origin from AUTH_URL", () => {
    expect(relyingParty({ AUTH_URL: "https://shop.example/api/auth" })).toEqual({ id: "shop.example", origin: "https://shop.example", name: "Cookieshop" });
  });

  it("keeps a port in the origin but not in the id", () => {
    expect(relyingParty({ AUTH_URL: "http://localhost:3500" })).toMatchObject({ id: "localhost", origin: "http://localhost:3500" });
  });

  it("ignores everything but the environment: a Host header has no say", () => {
    const env = { AUTH_URL: "https://shop.example", HOST: "evil.example", HTTP_HOST: "evil.example" };
    expect(relyingParty(env)?.id).toBe("shop.example");
  });

  it("is off when the site's address is not configured outside the local default", () => {
    expect(relyingParty({ DATABASE_URL: "postgresql://db.example/shop" })).toBeNull();
    expect(relyingParty({ AUTH_URL: "not a url" })).toBeNull();
  });
});
