import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { isLoopbackAddress } from "../http/client-ip";
import { DIRECT_REQUEST_HEADER, OUTBOX_PATH, markDirectRequest, mayReadOutbox, outboxKey, outboxUrl } from "./outbox-access";

describe("isLoopbackAddress", () => {
  it.each(["127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "::ffff:127.0.0.1", "[::1]:3000", "0:0:0:0:0:0:0:1"])(
    "treats %s as this machine",
    (address) => expect(isLoopbackAddress(address)).toBe(true),
  );

  it.each(["10.0.0.1", "192.168.1.2", "128.0.0.1", "::2", "::ffff:10.0.0.1", "2001:db8::1", "unknown", "", "localhost", "127.0.0.1.evil.example"])(
    "treats %j as another machine",
    (address) => expect(isLoopbackAddress(address)).toBe(false),
  );
});

describe("mayReadOutbox", () => {
  const KEY = "k".repeat(43);
  /** What server.ts hands on for a browser on this machine that connected directly. */
  const direct = (address = "127.0.0.1") => new Headers({ "x-forwarded-for": address, [DIRECT_REQUEST_HEADER]: "1" });
  /** The local default under server.ts in socket mode. */
  const local = { COOKIESHOP_SERVER: "1" };
  const mayRead = (headers: Headers, env: Record<string, string | undefined> = local) => mayReadOutbox({ headers, key: KEY }, env, KEY);

  it("opens to a direct request from this machine with the key, in the local default under npm run serve", () => {
    expect(mayRead(direct())).toBe(true);
    expect(mayRead(direct("::1"), { ...local, DATABASE_URL: "file:./prisma/other.db", AUTH_URL: "http://127.0.0.1:3000" })).toBe(true);
  });

  it("answers nothing without the key, or with another one", () => {
    for (const key of [undefined, "", KEY.slice(1), `${KEY}x`, "K".repeat(43), outboxKey()]) {
      expect(mayReadOutbox({ headers: direct(), key }, local, KEY)).toBe(false);
    }
  });

  it("answers nothing to a request that came through a proxy, even one on this machine", () => {
    // server.ts leaves out the direct mark when the request carried a forwarding header.
    expect(mayRead(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(mayRead(direct(), { ...local, CLIENT_IP_HEADER: "x-forwarded-for" })).toBe(false);
  });

  it("answers nothing to another machine", () => {
    expect(mayRead(direct("203.0.113.9"))).toBe(false);
    expect(mayRead(direct("unknown"))).toBe(false);
  });

  it("answers nothing unless server.ts serves it: elsewhere neither the address nor the mark can be trusted", () => {
    expect(mayRead(direct(), {})).toBe(false);
  });

  it("exists only in the local default", () => {
    // Mail that really leaves has no outbox to show, not even to this machine.
    expect(mayRead(direct(), { ...local, SMTP_URL: "smtp://127.0.0.1:2525" })).toBe(false);
    expect(mayRead(direct(), { ...local, DATABASE_URL: "postgresql://db.example/shop" })).toBe(false);
    // A site URL that is not this machine is a deployment, whatever the database.
    expect(mayRead(direct(), { ...local, AUTH_URL: "https://shop.example" })).toBe(false);
  });
});

describe("markDirectRequest", () => {
  const marked = (headers: IncomingHttpHeaders) => {
    markDirectRequest(headers);
    return headers[DIRECT_REQUEST_HEADER];
  };

  it("marks a request without forwarding headers, whatever the client sent under the mark's name", () => {
    expect(marked({ host: "localhost:3000" })).toBe("1");
    expect(marked({ host: "localhost:3000", [DIRECT_REQUEST_HEADER]: "0" })).toBe("1");
  });

  it.each([
    "forwarded",
    "via",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-port",
    "x-forwarded-server",
    "x-real-ip",
    "x-client-ip",
    "true-client-ip",
    "cf-connecting-ip",
  ])("does not mark a request carrying %s, and drops a mark the client sent", (name) => {
    expect(marked({ host: "localhost:3000", [name]: "127.0.0.1" })).toBeUndefined();
    expect(marked({ host: "localhost:3000", [name]: "127.0.0.1", [DIRECT_REQUEST_HEADER]: "1" })).toBeUndefined();
  });
});

describe("outboxKey", () => {
  it("is one random 256-bit key per process, in the link server.ts prints", () => {
    expect(outboxKey()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(outboxKey()).toBe(outboxKey());
    expect(outboxUrl("http://localhost:3000")).toBe(`http://localhost:3000${OUTBOX_PATH}?key=${outboxKey()}`);
  });
});
