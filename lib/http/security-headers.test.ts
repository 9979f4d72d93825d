import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split("; ").map((directive) => {
    const [name = "", ...values] = directive.split(" ");
    return [name, values.join(" ")];
  }));
}

describe("contentSecurityPolicy", () => {
  const production = directives(contentSecurityPolicy("abc123", { https: false, development: false }));

  it("lets only scripts with this response's nonce run", () => {
    expect(production.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(production.get("script-src")).not.toContain("unsafe-inline");
    expect(production.get("script-src")).not.toContain("unsafe-eval");
  });

  it("forbids framing, plugins, base-URL tricks and posting forms elsewhere", () => {
    expect(production.get("frame-ancestors")).toBe("'none'");
    expect(production.get("object-src")).toBe("'none'");
    expect(production.get("base-uri")).toBe("'none'");
    expect(production.get("form-action")).toBe("'self'");
  });

  it("upgrades sub-requests only when the page itself came over HTTPS", () => {
    expect(production.has("upgrade-insecure-requests")).toBe(false);
    const https = directives(contentSecurityPolicy("n", { https: true, development: false }));
    expect(https.has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows eval only in development", () => {
    const development = directives(contentSecurityPolicy("n", { https: false, development: true }));
    expect(development.get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});
