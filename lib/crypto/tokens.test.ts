import { describe, expect, it } from "vitest";
import { isRandomToken, randomToken } from "./tokens";

describe("isRandomToken", () => {
  it("accepts what randomToken makes, of that size only", () => {
    for (let i = 0; i < 50; i++) expect(isRandomToken(randomToken(32), 32)).toBe(true);
    expect(isRandomToken(randomToken(16), 32)).toBe(false);
    expect(isRandomToken(randomToken(32), 16)).toBe(false);
  });

  it("refuses anything a browser could send instead", () => {
    const token = randomToken(32);
    for (const value of [undefined, null, 42, [token], `${token}=`, `${token.slice(1)}+`, `${token.slice(1)}/`, `${token.slice(1)}\n`, ` ${token.slice(1)}`, `${token}A`]) {
      expect(isRandomToken(value, 32)).toBe(false);
    }
  });
});
