import { describe, expect, it } from "vitest";
import { ConfigurationError, DEFAULT_DATABASE_URL, databaseUrl, parseServerEnv } from "./env";

const SECRET = "s".repeat(32);

describe("parseServerEnv", () => {
  it("accepts a complete configuration and defaults the database to the embedded SQLite file", () => {
    expect(parseServerEnv({ AUTH_SECRET: SECRET })).toEqual({ AUTH_SECRET: SECRET, DATABASE_URL: DEFAULT_DATABASE_URL });
  });

  it.each([
    [{}, /AUTH_SECRET is not set/],
    [{ AUTH_SECRET: "" }, /AUTH_SECRET is not set/],
    [{ AUTH_SECRET: "   " }, /AUTH_SECRET is not set/],
    [{ AUTH_SECRET: "s".repeat(31) }, /AUTH_SECRET must be at least 32 characters/],
  ])("refuses %j and says what to set", (source, message) => {
    expect(() => parseServerEnv(source)).toThrow(ConfigurationError);
    expect(() => parseServerEnv(source)).toThrow(message);
    expect(() => parseServerEnv(source)).toThrow(/openssl rand -base64 32/);
  });

  it("in production, requires AUTH_URL or AUTH_TRUST_HOST, without which Auth.js refuses every login", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: SECRET };
    expect(() => parseServerEnv(production)).toThrow(/set AUTH_URL .* or AUTH_TRUST_HOST=true/);
    expect(() => parseServerEnv({ ...production, AUTH_URL: "", AUTH_TRUST_HOST: "" })).toThrow(/AUTH_URL/);
    expect(parseServerEnv({ ...production, AUTH_URL: "https://shop.example" }).AUTH_SECRET).toBe(SECRET);
    expect(parseServerEnv({ ...production, AUTH_TRUST_HOST: "true" }).AUTH_SECRET).toBe(SECRET);
    expect(() => parseServerEnv({ ...production, AUTH_URL: "shop.example" })).toThrow(/AUTH_URL must be a full URL/);
  });

  it("names every problem at once", () => {
    expect(() => parseServerEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is not set[\s\S]*AUTH_TRUST_HOST/);
  });

  it("in the production server, needs to know where the client address comes from", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true" };
    const serving = { serving: true };
    expect(() => parseServerEnv(production, serving)).toThrow(/npm run serve.*or set CLIENT_IP_HEADER/);
    expect(() => parseServerEnv({ ...production, CLIENT_IP_HEADER: " " }, serving)).toThrow(/CLIENT_IP_HEADER/);
    // Under server.ts the socket address reaches the app; behind a proxy its header does.
    expect(parseServerEnv({ ...production, COOKIESHOP_SERVER: "1" }, serving).AUTH_SECRET).toBe(SECRET);
    expect(parseServerEnv({ ...production, CLIENT_IP_HEADER: "x-real-ip" }, serving).AUTH_SECRET).toBe(SECRET);
    // Outside production, and in the preparation scripts, it does not apply.
    expect(parseServerEnv({ AUTH_SECRET: SECRET }, serving).AUTH_SECRET).toBe(SECRET);
    expect(parseServerEnv(production).AUTH_SECRET).toBe(SECRET);
  });

  it("refuses a CLIENT_IP_HEADER that is not a header name", () => {
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, CLIENT_IP_HEADER: "x real ip" })).toThrow(
      /CLIENT_IP_HEADER must be a header name/,
    );
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, CLIENT_IP_HEADER: "Forwarded" })).toThrow(/not supported/);
    expect(parseServerEnv({ AUTH_SECRET: SECRET, CLIENT_IP_HEADER: "X-Forwarded-For" }).AUTH_SECRET).toBe(SECRET);
  });

  it("refuses a database URL it cannot use", () => {
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, DATABASE_URL: "mysql://db/shop" })).toThrow(/DATABASE_URL/);
  });

  it("never repeats a secret in its message", () => {
    const almost = "tooshort-secret-value";
    try {
      parseServerEnv({ AUTH_SECRET: almost });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(almost);
    }
  });
});

describe("databaseUrl", () => {
  it("uses DATABASE_URL when set and the embedded default otherwise", () => {
    expect(databaseUrl({ DATABASE_URL: "file:./other.db" })).toBe("file:./other.db");
    expect(databaseUrl({ DATABASE_URL: "" })).toBe(DEFAULT_DATABASE_URL);
    expect(databaseUrl({})).toBe(DEFAULT_DATABASE_URL);
  });
});
