import { describe, expect, it } from "vitest";
import { isLoopbackAddress } from "../client-ip";
import { mayReadOutbox } from "./outbox-access";

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
  it("opens only in the local default, and only to this machine", () => {
    expect(mayReadOutbox("127.0.0.1", {})).toBe(true);
    expect(mayReadOutbox("::1", { DATABASE_URL: "file:./prisma/other.db" })).toBe(true);
    expect(mayReadOutbox("203.0.113.9", {})).toBe(false);
    // Mail that really leaves has no outbox to show, not even to this machine.
    expect(mayReadOutbox("127.0.0.1", { SMTP_URL: "smtp://127.0.0.1:2525" })).toBe(false);
    expect(mayReadOutbox("127.0.0.1", { DATABASE_URL: "postgresql://db.example/shop" })).toBe(false);
  });
});
