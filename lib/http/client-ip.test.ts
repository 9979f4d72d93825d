import { describe, expect, it } from "vitest";
import {
  UNKNOWN_CLIENT_ADDRESS,
  clientAddress,
  clientIpHeaderProblem,
  clientIpHeaderSetting,
  normalizeAddress,
  writeSocketAddress,
} from "./client-ip";

const SOCKET_MODE = {};
const behindProxy = (header: string) => ({ CLIENT_IP_HEADER: header });

describe("clientIpHeaderSetting", () => {
  it("uses the socket unless a header is configured", () => {
    expect(clientIpHeaderSetting({})).toEqual({ from: "socket" });
    expect(clientIpHeaderSetting({ CLIENT_IP_HEADER: "" })).toEqual({ from: "socket" });
    expect(clientIpHeaderSetting({ CLIENT_IP_HEADER: "  " })).toEqual({ from: "socket" });
  });

  it("lower-cases a configured header name", () => {
    expect(clientIpHeaderSetting(behindProxy(" X-Real-IP "))).toEqual({ from: "header", header: "x-real-ip" });
  });

  it.each(["x forwarded for", "x-forwarded-for,", "x:ip", "ä-ip"])("refuses %j as a header name", (name) => {
    expect(clientIpHeaderProblem(name)).toMatch(/must be a header name/);
    expect(() => clientIpHeaderSetting(behindProxy(name))).toThrow(/must be a header name/);
  });

  it("refuses the Forwarded header, whose entries are not plain addresses", () => {
    expect(clientIpHeaderProblem("Forwarded")).toMatch(/not supported/);
  });
});

describe("clientAddress in socket mode", () => {
  it("reads the address server.ts wrote into X-Forwarded-For", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "192.0.2.10" }), SOCKET_MODE)).toBe("192.0.2.10");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }), SOCKET_MODE)).toBe("127.0.0.1");
  });

  it("accepts no list: server.ts writes exactly one address", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 127.0.0.1" });
    expect(clientAddress(headers, SOCKET_MODE)).toBe(UNKNOWN_CLIENT_ADDRESS);
  });

  it("is unknown without the header", () => {
    expect(clientAddress(new Headers(), SOCKET_MODE)).toBe(UNKNOWN_CLIENT_ADDRESS);
  });
});

describe("clientAddress behind a trusted proxy", () => {
  it("takes the rightmost entry, the one the nearest proxy appended, whatever the client put before it", () => {
    const spoofed = new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.9" });
    expect(clientAddress(spoofed, behindProxy("X-Forwarded-For"))).toBe("203.0.113.9");
  });

  it("skips empty entries and surrounding space", () => {
    const headers = new Headers({ "x-forwarded-for": " 198.51.100.1 ,, 203.0.113.9 , " });
    expect(clientAddress(headers, behindProxy("x-forwarded-for"))).toBe("203.0.113.9");
  });

  it("reads the configured header and ignores X-Forwarded-For", () => {
    const headers = new Headers({ "x-real-ip": "203.0.113.9", "x-forwarded-for": "1.1.1.1" });
    expect(clientAddress(headers, behindProxy("x-real-ip"))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1" }), behindProxy("x-real-ip"))).toBe(
      UNKNOWN_CLIENT_ADDRESS,
    );
  });

  it("never trusts junk in the rightmost place", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, <script>" });
    expect(clientAddress(headers, behindProxy("x-forwarded-for"))).toBe(UNKNOWN_CLIENT_ADDRESS);
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1 ", "192.0.2.1"],
    ["192.0.2.1:8080", "192.0.2.1"],
    ["::1", "::1"],
    ["[::1]", "::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:c000:0201", "192.0.2.1"],
    ["[::ffff:127.0.0.1]:3000", "127.0.0.1"],
    ["fe80::1%eth0", "fe80::1"],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "unknown",
    "localhost",
    "192.0.2",
    "192.0.2.256",
    "01.2.3.4",
    "192.0.2.1:",
    "192.0.2.1:99999999",
    "2001:db8::g",
    "1:2:3:4:5:6:7:8:9",
    "::1]:80",
    "for=192.0.2.1",
    "192.0.2.1, 192.0.2.2",
    `::ffff:${"0".repeat(100)}`,
  ])("%j → unknown", (raw) => {
    expect(normalizeAddress(raw)).toBe(UNKNOWN_CLIENT_ADDRESS);
  });
});

describe("writeSocketAddress", () => {
  it("in socket mode replaces whatever the client sent with the socket's address", () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    writeSocketAddress(headers, "::ffff:127.0.0.1", { from: "socket" });
    expect(headers["x-forwarded-for"]).toBe("::ffff:127.0.0.1");
    expect(clientAddress(new Headers(headers), SOCKET_MODE)).toBe("127.0.0.1");
  });

  it("removes the client's value when the socket has no address", () => {
    const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.9" };
    writeSocketAddress(headers, undefined, { from: "socket" });
    expect(headers).not.toHaveProperty("x-forwarded-for");
  });

  it("leaves the proxy's headers alone in header mode", () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    writeSocketAddress(headers, "10.0.0.1", { from: "header", header: "x-forwarded-for" });
    expect(headers["x-forwarded-for"]).toBe("203.0.113.9");
  });
});
