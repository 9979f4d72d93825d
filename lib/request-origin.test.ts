import { describe, expect, it } from "vitest";
import { isCrossSiteRequest, isHttpsRequest } from "./request-origin";

const own = { host: "shop.example" };
const check = (method: string, headers: Record<string, string>) => isCrossSiteRequest(method, new Headers(headers));

describe("isCrossSiteRequest", () => {
  it("accepts a same-origin post from a browser", () => {
    expect(check("POST", { ...own, origin: "https://shop.example", "sec-fetch-site": "same-origin" })).toBe(false);
  });

  it("accepts requests without Origin or Sec-Fetch-Site (scripts, curl)", () => {
    expect(check("POST", own)).toBe(false);
    expect(check("DELETE", own)).toBe(false);
  });

  it("refuses another origin, a null origin and garbage", () => {
    expect(check("POST", { ...own, origin: "https://evil.example" })).toBe(true);
    expect(check("POST", { ...own, origin: "https://shop.example.evil.example" })).toBe(true);
    expect(check("POST", { ...own, origin: "http://shop.example:8080" })).toBe(true);
    expect(check("POST", { ...own, origin: "null" })).toBe(true);
    expect(check("POST", { ...own, origin: "not a url" })).toBe(true);
  });

  it("refuses Sec-Fetch-Site: cross-site even without Origin", () => {
    expect(check("POST", { ...own, "sec-fetch-site": "cross-site" })).toBe(true);
    expect(check("DELETE", { ...own, "sec-fetch-site": "cross-site", origin: "https://shop.example" })).toBe(true);
  });

  it("compares against the host the proxy forwarded", () => {
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "shop.example" };
    expect(check("POST", { ...proxied, origin: "https://shop.example" })).toBe(false);
    expect(check("POST", { ...proxied, origin: "http://10.0.0.5:3000" })).toBe(true);
  });

  it("never refuses a safe method: links and images from other sites still work", () => {
    expect(check("GET", { ...own, origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(check("HEAD", { ...own, "sec-fetch-site": "cross-site" })).toBe(false);
  });
});

describe("isHttpsRequest", () => {
  const https = (protocol: string, headers: Record<string, string> = {}) => isHttpsRequest(protocol, new Headers(headers));

  it("is HTTPS when the URL says so, or the nearest proxy's first X-Forwarded-Proto does", () => {
    expect(https("https:")).toBe(true);
    expect(https("http:", { "x-forwarded-proto": "https" })).toBe(true);
    expect(https("http:", { "x-forwarded-proto": " https , http" })).toBe(true);
  });

  it("is not HTTPS otherwise", () => {
    expect(https("http:")).toBe(false);
    expect(https("http:", { "x-forwarded-proto": "http" })).toBe(false);
    expect(https("http:", { "x-forwarded-proto": "http, https" })).toBe(false);
    expect(https("http:", { "x-forwarded-proto": "HTTPS-ish" })).toBe(false);
  });
});
