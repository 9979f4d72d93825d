import { describe, expect, it } from "vitest";
import { isCrossSiteRequest, isHttpsRequest, sameOriginReplacingNull } from "./request-origin";

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

  it("accepts a null origin only when the browser also says same-origin (a form on a no-referrer page)", () => {
    expect(check("POST", { ...own, origin: "null", "sec-fetch-site": "same-origin" })).toBe(false);
    expect(check("POST", { ...own, origin: "null", "sec-fetch-site": "same-site" })).toBe(true);
    expect(check("POST", { ...own, origin: "null", "sec-fetch-site": "cross-site" })).toBe(true);
    expect(check("POST", { ...own, origin: "null", "sec-fetch-site": "none" })).toBe(true);
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

describe("sameOriginReplacingNull", () => {
  const replace = (method: string, headers: Record<string, string>) => sameOriginReplacingNull(method, new Headers(headers), "http:");

  it("names the site's own origin for a same-origin post with Origin: null", () => {
    expect(replace("POST", { ...own, origin: "null", "sec-fetch-site": "same-origin" })).toBe("http://shop.example");
    expect(replace("POST", { host: "10.0.0.5", "x-forwarded-host": "shop.example", origin: "null", "sec-fetch-site": "same-origin" })).toBe(
      "http://shop.example",
    );
  });

  it("leaves everything else alone", () => {
    expect(replace("POST", { ...own, origin: "https://shop.example", "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(replace("POST", { ...own, origin: "null", "sec-fetch-site": "cross-site" })).toBeUndefined();
    expect(replace("POST", { ...own, origin: "null" })).toBeUndefined();
    expect(replace("GET", { ...own, origin: "null", "sec-fetch-site": "same-origin" })).toBeUndefined();
  });
});
