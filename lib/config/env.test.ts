import { describe, expect, it } from "vitest";
import {
  BCRYPT_COST,
  ConfigurationError,
  DEFAULT_DATABASE_URL,
  DEFAULT_POOL_SIZE,
  bcryptCost,
  databasePoolSize,
  databaseProvider,
  databaseUrl,
  isLocalDefault,
  parseServerEnv,
} from "./env";

const SECRET = "s".repeat(32);

describe("parseServerEnv", () => {
  it("accepts a complete configuration and defaults the database to the embedded SQLite file", () => {
    expect(parseServerEnv({ AUTH_SECRET: SECRET })).toEqual({
      AUTH_SECRET: SECRET,
      DATABASE_URL: DEFAULT_DATABASE_URL,
      DATABASE_POOL_SIZE: DEFAULT_POOL_SIZE,
    });
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

  it("takes AUTH_SECRET_PREVIOUS for a rotation, held to AUTH_SECRET's length, and leaves it unset when empty", () => {
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, AUTH_SECRET_PREVIOUS: "p".repeat(32) })).not.toThrow();
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, AUTH_SECRET_PREVIOUS: "" })).not.toThrow();
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, AUTH_SECRET_PREVIOUS: "p".repeat(31) })).toThrow(
      /AUTH_SECRET_PREVIOUS must be at least 32 characters/,
    );
  });

  it("in production, requires AUTH_URL or AUTH_TRUST_HOST, without which Auth.js refuses every login", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: SECRET };
    expect(() => parseServerEnv(production)).toThrow(/set AUTH_URL .* or AUTH_TRUST_HOST=true/);
    expect(() => parseServerEnv({ ...production, AUTH_URL: "", AUTH_TRUST_HOST: "" })).toThrow(/AUTH_URL/);
    expect(parseServerEnv({ ...production, AUTH_URL: "https://shop.example", SMTP_URL: "smtps://smtp.example" }).AUTH_SECRET).toBe(SECRET);
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

  it("accepts a SQLite file or a PostgreSQL database", () => {
    for (const url of ["file:./prisma/shop.db", "postgresql://shop:pw@db.example:5432/shop", "postgres://db.example/shop?sslmode=require"]) {
      expect(parseServerEnv({ AUTH_SECRET: SECRET, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it.each([
    ["mysql://db/shop", /must be a SQLite file .* or a PostgreSQL URL/],
    ["file:", /names no SQLite file/],
    ["postgresql://shop:hunter2hunter2@db.example:5432", /names no PostgreSQL database/],
    ["postgresql://shop:hunter2hunter2@:5432/shop", /not a valid PostgreSQL URL|names no PostgreSQL host/],
    ["postgresql://shop:hunter2hunter2@db.example:99999/shop", /not a valid PostgreSQL URL/],
  ])("refuses the database URL %s, saying why without repeating it", (url, message) => {
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, DATABASE_URL: url })).toThrow(message);
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, DATABASE_URL: url })).not.toThrow(/hunter2/);
  });

  it("takes the connection pool size from DATABASE_POOL_SIZE, a whole number from 1 to 100", () => {
    expect(parseServerEnv({ AUTH_SECRET: SECRET, DATABASE_POOL_SIZE: "2" }).DATABASE_POOL_SIZE).toBe(2);
    for (const bad of ["0", "101", "2.5", "many", "-1"]) {
      expect(() => parseServerEnv({ AUTH_SECRET: SECRET, DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE must be/);
    }
    expect(databasePoolSize({ DATABASE_POOL_SIZE: "2" })).toBe(2);
    expect(databasePoolSize({})).toBe(DEFAULT_POOL_SIZE);
    expect(databasePoolSize({ DATABASE_POOL_SIZE: "lots" })).toBe(DEFAULT_POOL_SIZE);
  });

  it("in production, wants the site's URL to be HTTPS (plain HTTP only on this machine)", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: SECRET };
    expect(() => parseServerEnv({ ...production, AUTH_URL: "http://shop.example" })).toThrow(/AUTH_URL must start with https:\/\//);
    expect(() => parseServerEnv({ ...production, AUTH_URL: "ftp://shop.example" })).toThrow(/AUTH_URL must be a full URL/);
    expect(parseServerEnv({ ...production, AUTH_URL: "https://shop.example", SMTP_URL: "smtps://smtp.example" }).AUTH_SECRET).toBe(SECRET);
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(parseServerEnv({ ...production, AUTH_URL: url }).AUTH_SECRET).toBe(SECRET);
    }
    // Outside production a developer may use any address.
    expect(parseServerEnv({ AUTH_SECRET: SECRET, AUTH_URL: "http://shop.test" }).AUTH_SECRET).toBe(SECRET);
  });

  it("on a serverless host in production, refuses a SQLite file: each instance would have its own", () => {
    // A PostgreSQL database needs a mail server too (see "sends real mail" below).
    const production = { NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_URL: "https://shop.example", SMTP_URL: "smtps://smtp.example" };
    for (const marker of ["VERCEL", "AWS_LAMBDA_FUNCTION_NAME", "NETLIFY"]) {
      expect(() => parseServerEnv({ ...production, [marker]: "1" })).toThrow(/serverless host.*PostgreSQL/);
      const postgres = { ...production, [marker]: "1", DATABASE_URL: "postgresql://db.example/shop" };
      expect(parseServerEnv(postgres).DATABASE_URL).toBe(postgres.DATABASE_URL);
    }
  });

  it("accepts an smtp:// or smtps:// SMTP_URL and refuses anything else without repeating it", () => {
    for (const url of ["smtp://127.0.0.1:2525", "smtps://mailer:hunter2hunter2@smtp.example:465", "smtp://smtp.example?requireTLS=false"]) {
      expect(parseServerEnv({ AUTH_SECRET: SECRET, SMTP_URL: url }).AUTH_SECRET).toBe(SECRET);
    }
    for (const [url, message] of [
      ["mailer:hunter2hunter2@smtp.example", /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
      ["https://mailer:hunter2hunter2@smtp.example", /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
      ["smtp://mailer:hunter2hunter2@smtp.example:99999", /SMTP_URL is not a valid URL/],
      ["hunter2hunter2", /SMTP_URL is not a valid URL/],
    ] as const) {
      expect(() => parseServerEnv({ AUTH_SECRET: SECRET, SMTP_URL: url })).toThrow(message);
      expect(() => parseServerEnv({ AUTH_SECRET: SECRET, SMTP_URL: url })).not.toThrow(/hunter2/);
    }
    // Blank is unset: the local default.
    expect(parseServerEnv({ AUTH_SECRET: SECRET, SMTP_URL: " " }).AUTH_SECRET).toBe(SECRET);
  });

  it("accepts a MAIL_FROM address with or without a display name", () => {
    for (const from of ["shop@cookieshop.example", "Cookieshop <shop@cookieshop.example>", '"Cookieshop, Ltd" <shop@cookieshop.example>']) {
      expect(parseServerEnv({ AUTH_SECRET: SECRET, MAIL_FROM: from }).AUTH_SECRET).toBe(SECRET);
    }
    for (const from of ["Cookieshop", "Cookieshop <>", "shop@", "<shop@cookieshop.example", "Cookie\r\nBcc: all@example.com <shop@cookieshop.example>"]) {
      expect(() => parseServerEnv({ AUTH_SECRET: SECRET, MAIL_FROM: from })).toThrow(/MAIL_FROM must be an email address/);
    }
  });

  describe("in production, when mail leaves the machine", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true" };
    const postgres = { ...production, DATABASE_URL: "postgresql://shop:pw@db.example:5432/shop" };

    it("keeps the local default working with no new variables: embedded database, mail to the outbox", () => {
      expect(parseServerEnv(production).AUTH_SECRET).toBe(SECRET);
      expect(parseServerEnv({ ...production, DATABASE_URL: "file:./prisma/other.db" }).AUTH_SECRET).toBe(SECRET);
    });

    it("requires SMTP_URL when the site's URL is not this machine, even on the embedded database", () => {
      for (const AUTH_URL of ["https://shop.example", "https://localhost.shop.example", "https://[::2]"]) {
        expect(() => parseServerEnv({ ...production, AUTH_URL })).toThrow(
          /Outside the local default .* mail cannot be delivered: set SMTP_URL/,
        );
        expect(parseServerEnv({ ...production, AUTH_URL, SMTP_URL: "smtps://smtp.example" }).AUTH_SECRET).toBe(SECRET);
      }
      // The local default may name itself, on any port, over HTTP or HTTPS.
      for (const AUTH_URL of ["http://localhost:3000", "https://localhost", "http://127.0.0.1:8080", "https://[::1]:8443"]) {
        expect(parseServerEnv({ ...production, AUTH_URL }).AUTH_SECRET).toBe(SECRET);
      }
    });

    it("requires SMTP_URL with any database but the embedded one", () => {
      const withUrl = { ...postgres, AUTH_URL: "https://shop.example" };
      expect(() => parseServerEnv(withUrl)).toThrow(/password reset and address confirmation mail cannot be delivered: set SMTP_URL/);
      expect(parseServerEnv({ ...withUrl, SMTP_URL: "smtps://smtp.example" }).DATABASE_URL).toBe(postgres.DATABASE_URL);
      // Outside production (a developer's machine) it does not apply.
      expect(parseServerEnv({ ...withUrl, NODE_ENV: "development" }).AUTH_SECRET).toBe(SECRET);
    });

    it("requires AUTH_URL, which mail links are built from; AUTH_TRUST_HOST alone no longer does", () => {
      const smtp = { ...postgres, SMTP_URL: "smtps://smtp.example" };
      expect(() => parseServerEnv(smtp)).toThrow(/Set AUTH_URL to the site's public URL .*mail/);
      expect(() => parseServerEnv(smtp)).not.toThrow(/SMTP_URL/);
      // SMTP with the embedded database sends real mail too.
      expect(() => parseServerEnv({ ...production, SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/Set AUTH_URL .*mail/);
      expect(parseServerEnv({ ...production, SMTP_URL: "smtp://127.0.0.1:2525", AUTH_URL: "http://localhost:3000" }).AUTH_SECRET).toBe(SECRET);
      expect(parseServerEnv({ ...smtp, AUTH_URL: "https://shop.example" }).AUTH_SECRET).toBe(SECRET);
    });

    it("names both problems at once", () => {
      expect(() => parseServerEnv(postgres)).toThrow(/set SMTP_URL[\s\S]*Set AUTH_URL/);
    });
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

describe("isLocalDefault", () => {
  it("is the embedded database, no SMTP_URL, and the site on this machine (AUTH_URL unset or loopback, any port)", () => {
    for (const env of [
      {},
      { AUTH_URL: "", SMTP_URL: " ", DATABASE_URL: "" },
      { DATABASE_URL: "file:./prisma/other.db" },
      { AUTH_URL: "http://localhost:3000" },
      { AUTH_URL: "https://LOCALHOST:8443/" },
      { AUTH_URL: "http://127.0.0.1" },
      { AUTH_URL: "http://[::1]:3000" },
    ]) {
      expect(isLocalDefault(env), JSON.stringify(env)).toBe(true);
    }
  });

  it("is a deployment with SMTP_URL, another database, or a site URL anywhere else", () => {
    for (const env of [
      { SMTP_URL: "smtp://127.0.0.1:2525" },
      { DATABASE_URL: "postgresql://db.example/shop" },
      { AUTH_URL: "https://shop.example" },
      { AUTH_URL: "http://localhost.shop.example" },
      { AUTH_URL: "http://127.0.0.1.nip.io" },
      { AUTH_URL: "http://192.168.1.20:3000" },
      { AUTH_URL: "http://[::2]" },
      { AUTH_URL: "ftp://localhost" },
      { AUTH_URL: "localhost:3000" },
    ]) {
      expect(isLocalDefault(env), JSON.stringify(env)).toBe(false);
    }
  });
});

describe("databaseProvider", () => {
  it("tells SQLite and PostgreSQL URLs apart", () => {
    expect(databaseProvider("file:./prisma/cookieshop.db")).toBe("sqlite");
    expect(databaseProvider("postgresql://db/shop")).toBe("postgresql");
    expect(databaseProvider("postgres://db/shop")).toBe("postgresql");
    expect(databaseProvider("mysql://db/shop")).toBeUndefined();
    expect(databaseProvider("postgresql:db")).toBeUndefined();
  });
});

describe("databaseUrl", () => {
  it("uses DATABASE_URL when set and the embedded default otherwise", () => {
    expect(databaseUrl({ DATABASE_URL: "file:./other.db" })).toBe("file:./other.db");
    expect(databaseUrl({ DATABASE_URL: "" })).toBe(DEFAULT_DATABASE_URL);
    expect(databaseUrl({})).toBe(DEFAULT_DATABASE_URL);
  });
});

describe("bcryptCost", () => {
  it("is 12 unless BCRYPT_COST says otherwise", () => {
    expect(BCRYPT_COST).toBe(12);
    expect(bcryptCost({})).toBe(12);
    expect(bcryptCost({ BCRYPT_COST: " " })).toBe(12);
    expect(bcryptCost({ BCRYPT_COST: "13", AUTH_URL: "https://shop.example" })).toBe(13);
  });

  it.each([["http://localhost:3100"], ["http://127.0.0.1:3000"], ["https://[::1]"]])(
    "goes down to bcrypt's minimum of 4 for a site at %s",
    (AUTH_URL) => {
      expect(bcryptCost({ BCRYPT_COST: "4", AUTH_URL })).toBe(4);
      expect(parseServerEnv({ AUTH_SECRET: SECRET, BCRYPT_COST: "4", AUTH_URL }).AUTH_SECRET).toBe(SECRET);
    },
  );

  it.each([
    [{ BCRYPT_COST: "11", AUTH_URL: "https://shop.example" }],
    [{ BCRYPT_COST: "4", AUTH_URL: "http://localhost.example:3000" }],
    [{ BCRYPT_COST: "4" }], // no site URL: whatever Host a request names
    [{ BCRYPT_COST: "3", AUTH_URL: "http://localhost:3100" }],
    [{ BCRYPT_COST: "16" }],
    [{ BCRYPT_COST: "12.5" }],
    [{ BCRYPT_COST: "twelve" }],
  ])("refuses %j, and a server with it does not start", (settings) => {
    expect(() => bcryptCost(settings)).toThrow(ConfigurationError);
    expect(() => parseServerEnv({ AUTH_SECRET: SECRET, ...settings })).toThrow(/BCRYPT_COST must be a whole number from 12 to 15/);
  });
});
