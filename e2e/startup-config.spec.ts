import { runUntilExit, sparePort } from "./support/servers";
import { expect, test } from "./support/test";

const GOOD_SECRET = "a-perfectly-good-secret-0123456789abcdef";

// An empty value overrides anything in .env files (Next.js never replaces a set variable).
test("the production server refuses to start without AUTH_SECRET and says what to set", async () => {
  const { code, output } = await runUntilExit({ AUTH_SECRET: "" }, sparePort(91));
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET is not set");
  expect(output).toContain("openssl rand -base64 32");
});

test("the production server refuses a short AUTH_SECRET without echoing it", async () => {
  const { code, output } = await runUntilExit({ AUTH_SECRET: "short-secret-1234" }, sparePort(92));
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET must be at least 32 characters");
  expect(output).not.toContain("short-secret-1234");
});

test("the production server refuses to start when Auth.js could not trust any URL", async () => {
  const { code, output } = await runUntilExit({ AUTH_SECRET: GOOD_SECRET, AUTH_URL: "", AUTH_TRUST_HOST: "" }, sparePort(93));
  expect(code).toBe(1);
  expect(output).toContain("set AUTH_URL to the site's public URL");
  expect(output).not.toContain("AUTH_SECRET is not set");
});

test("plain `next start` refuses to serve unless a trusted proxy header is configured", async () => {
  const env = { AUTH_SECRET: GOOD_SECRET, AUTH_TRUST_HOST: "true", CLIENT_IP_HEADER: "" };
  const { code, output } = await runUntilExit(env, sparePort(94), "next start");
  expect(code).toBe(1);
  expect(output).toContain("start the server with `npm run serve`");
  expect(output).toContain("set CLIENT_IP_HEADER to the header your proxy sets");
});

test("the production server refuses a CLIENT_IP_HEADER that is not a header name", async () => {
  const env = { AUTH_SECRET: GOOD_SECRET, AUTH_TRUST_HOST: "true", CLIENT_IP_HEADER: "x real ip" };
  const { code, output } = await runUntilExit(env, sparePort(95));
  expect(code).toBe(1);
  expect(output).toContain("CLIENT_IP_HEADER must be a header name");
});

test("the production server refuses a plain-HTTP site URL, a SQLite file on a serverless host, and an unusable database, all at once", async () => {
  const env = {
    AUTH_SECRET: GOOD_SECRET,
    AUTH_URL: "http://shop.example",
    VERCEL: "1",
    DATABASE_URL: "file:./prisma/serverless.db",
    DATABASE_POOL_SIZE: "lots",
  };
  const { code, output } = await runUntilExit(env, sparePort(96));
  expect(code).toBe(1);
  expect(output).toContain("AUTH_URL must start with https://");
  expect(output).toContain("This is a serverless host");
  expect(output).toContain("DATABASE_POOL_SIZE must be a whole number from 1 to 100");
});

test("the production server refuses a PostgreSQL URL without a database, and never prints its password", async () => {
  const env = { AUTH_SECRET: GOOD_SECRET, AUTH_TRUST_HOST: "true", DATABASE_URL: "postgresql://shop:pa55-w0rd-in-url@db.example:5432" };
  const { code, output } = await runUntilExit(env, sparePort(97));
  expect(code).toBe(1);
  expect(output).toContain("DATABASE_URL names no PostgreSQL database");
  expect(output).not.toContain("pa55-w0rd-in-url");
});

test("the production server refuses a PostgreSQL database without SMTP_URL and AUTH_URL: its mail could not be delivered", async () => {
  // The database is never reached: the configuration check stops the server first.
  const env = {
    AUTH_SECRET: GOOD_SECRET,
    AUTH_TRUST_HOST: "true",
    AUTH_URL: "",
    SMTP_URL: "",
    DATABASE_URL: "postgresql://shop:pa55-w0rd-in-url@127.0.0.1:9/shop",
  };
  const { code, output } = await runUntilExit(env, sparePort(98));
  expect(code).toBe(1);
  expect(output).toContain("password reset and address confirmation mail cannot be delivered: set SMTP_URL");
  expect(output).toContain("the links in password reset and address confirmation mail are built from it");
  expect(output).not.toContain("pa55-w0rd-in-url");
});

test("the production server refuses SMTP_URL without AUTH_URL, and never prints the mail password", async () => {
  // DATABASE_URL empty: the embedded default, whatever a .env file says.
  const env = {
    AUTH_SECRET: GOOD_SECRET,
    AUTH_TRUST_HOST: "true",
    AUTH_URL: "",
    DATABASE_URL: "",
    SMTP_URL: "smtp://mailer:sm7p-pa55-w0rd@127.0.0.1:9",
  };
  const { code, output } = await runUntilExit(env, sparePort(99));
  expect(code).toBe(1);
  expect(output).toContain("Set AUTH_URL to the site's public URL");
  expect(output).toContain("AUTH_TRUST_HOST alone is not enough");
  expect(output).not.toContain("sm7p-pa55-w0rd");
  expect(output).not.toContain("password reset and address confirmation mail cannot be delivered");
});

test("the production server refuses a public AUTH_URL on the embedded database without SMTP_URL: its mail would pile up in the outbox", async () => {
  // DATABASE_URL empty: the embedded SQLite default, whatever a .env file says.
  const env = { AUTH_SECRET: GOOD_SECRET, AUTH_URL: "https://shop.example", DATABASE_URL: "", SMTP_URL: "" };
  const { code, output } = await runUntilExit(env, sparePort(90));
  expect(code).toBe(1);
  expect(output).toContain("Outside the local default");
  expect(output).toContain("mail cannot be delivered: set SMTP_URL");
  expect(output).not.toContain("Local outbox:");
});

test("the production server refuses a bcrypt cost below 12 for a site that is not on this machine", async () => {
  // Complete and valid but for the cost, which the suite's own servers may lower (on localhost).
  const env = { AUTH_SECRET: GOOD_SECRET, AUTH_URL: "https://shop.example", SMTP_URL: "smtp://127.0.0.1:9", BCRYPT_COST: "4" };
  const { code, output } = await runUntilExit(env, sparePort(89));
  expect(code).toBe(1);
  expect(output).toContain("BCRYPT_COST must be a whole number from 12 to 15");
  expect(output.match(/^ {2}- /gm)).toHaveLength(1); // the only problem named
});
