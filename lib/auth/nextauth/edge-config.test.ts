import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE_NAMES, decodedTokenCount, readSessionToken } from "./edge-config";

// Counts the decryptions readSessionToken asks Auth.js for.
const decoding = vi.hoisted(() => ({ calls: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...original, decode: (...args: Parameters<typeof original.decode>) => (decoding.calls++, original.decode(...args)) };
});

const SECRET = "unit-test-secret-0123456789abcdefghij";
const [SECURE_NAME, PLAIN_NAME] = SESSION_COOKIE_NAMES;

function jar(entries: Record<string, string>) {
  return { get: (name: string) => (name in entries ? { value: entries[name] as string } : undefined) };
}

async function token(claims: Record<string, unknown>, salt: string, options: { secret?: string; maxAge?: number } = {}) {
  return encode({ token: claims, secret: options.secret ?? SECRET, salt, maxAge: options.maxAge ?? 3600 });
}

describe("readSessionToken", () => {
  it("reads the user id and session secret from a token Auth.js encoded for either cookie name", async () => {
    for (const name of [SECURE_NAME, PLAIN_NAME]) {
      const value = await token({ sub: "user-1", sid: "secret-1" }, name);
      await expect(readSessionToken(jar({ [name]: value }), SECRET)).resolves.toEqual({ userId: "user-1", sessionSecret: "secret-1" });
    }
  });

  it("is null without a cookie or without a secret", async () => {
    await expect(readSessionToken(jar({}), SECRET)).resolves.toBeNull();
    const value = await token({ sub: "user-1", sid: "secret-1" }, PLAIN_NAME);
    await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), undefined)).resolves.toBeNull();
  });

  it("rejects a token encrypted with another secret", async () => {
    const value = await token({ sub: "user-1", sid: "secret-1" }, PLAIN_NAME, { secret: "another-secret-0123456789abcdefghijkl" });
    await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.toBeNull();
  });

  it("rejects a token moved to the other cookie name (the key is derived from the name)", async () => {
    const value = await token({ sub: "user-1", sid: "secret-1" }, PLAIN_NAME);
    await expect(readSessionToken(jar({ [SECURE_NAME]: value }), SECRET)).resolves.toBeNull();
  });

  it("rejects an expired token", async () => {
    const value = await token({ sub: "user-1", sid: "secret-1" }, PLAIN_NAME, { maxAge: -60 });
    await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.toBeNull();
  });

  it.each(["", "garbage", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged", "a.b.c.d.e"])(
    "rejects the forged value %j",
    async (value) => {
      await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.toBeNull();
    },
  );

  it.each([{ name: "no subject", sid: "secret-1" }, { sub: "user-1" }, { sub: "user-1", sid: 42 }])(
    "rejects a token that does not name both a user and a session: %j",
    async (claims) => {
      const value = await token(claims, PLAIN_NAME);
      await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.toBeNull();
    },
  );

  it("decrypts a token once and answers its repeats from memory, never for another secret or name", async () => {
    const value = await token({ sub: "user-2", sid: "secret-2" }, PLAIN_NAME);
    const before = decoding.calls;
    for (let i = 0; i < 3; i++) {
      await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.toEqual({ userId: "user-2", sessionSecret: "secret-2" });
    }
    expect(decoding.calls - before).toBe(1);
    await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), "another-secret-0123456789abcdefghijkl")).resolves.toBeNull();
    await expect(readSessionToken(jar({ [SECURE_NAME]: value }), SECRET)).resolves.toBeNull();
  });

  it("stops answering from memory when the token expires", async () => {
    const value = await token({ sub: "user-3", sid: "secret-3" }, PLAIN_NAME, { maxAge: 60 });
    await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 80_000); // past `exp` and Auth.js's 15 s of clock tolerance
      await expect(readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET)).resolves.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps at most a thousand tokens", async () => {
    for (let i = 0; i < 1010; i++) {
      const value = await token({ sub: `user-${i}`, sid: `s-${i}` }, PLAIN_NAME);
      await readSessionToken(jar({ [PLAIN_NAME]: value }), SECRET);
    }
    expect(decodedTokenCount()).toBe(1000);
  }, 30_000);
});
