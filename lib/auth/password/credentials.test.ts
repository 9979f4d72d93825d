import bcrypt from "bcryptjs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bcryptThreads } from "./threads";
import { BCRYPT_COST } from "../../config/env";
import { HASH_FOR_UNKNOWN_USER } from "./hashing";

// verifyCredentials against a stand-in database: every path costs exactly one bcrypt
// comparison at the configured cost, so timing cannot tell which emails have accounts.

const findUnique = vi.hoisted(() => vi.fn());
vi.mock("../../db/client", () => ({ db: { user: { findUnique }, password: { update: vi.fn() } } }));
const { registerUser, verifyCredentials } = await import("./credentials");

const PASSWORD = "correct horse battery staple";
let storedHash: string;
let compare: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  storedHash ??= await bcrypt.hash(PASSWORD, BCRYPT_COST);
  compare = vi.spyOn(bcryptThreads, "compare");
});
afterEach(() => vi.restoreAllMocks());

function account(overrides: Partial<{ active: boolean; password: { hash: string } | null }> = {}) {
  return { id: "u1", email: "ann@example.com", role: "customer", emailVerified: null, active: true, password: { hash: storedHash }, ...overrides };
}

describe("verifyCredentials", () => {
  it("compares an unknown email once, against a hash at the same cost", async () => {
    findUnique.mockResolvedValue(null);
    expect(await verifyCredentials("nobody@example.com", PASSWORD)).toEqual({ ok: false, userId: null });
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare).toHaveBeenCalledWith(PASSWORD, HASH_FOR_UNKNOWN_USER);
    expect(bcrypt.getRounds(HASH_FOR_UNKNOWN_USER)).toBe(bcrypt.getRounds(storedHash));
  });

  it("compares a wrong password once and names the account only to the caller", async () => {
    findUnique.mockResolvedValue(account());
    expect(await verifyCredentials("ann@example.com", "wrong password here")).toEqual({ ok: false, userId: "u1" });
    expect(compare).toHaveBeenCalledTimes(1);
  });

  it("compares once for a deactivated account too, and refuses it even with the right password", async () => {
    findUnique.mockResolvedValue(account({ active: false }));
    expect(await verifyCredentials("ann@example.com", PASSWORD)).toEqual({ ok: false, userId: "u1" });
    expect(compare).toHaveBeenCalledTimes(1);
  });

  it("accepts the right password", async () => {
    findUnique.mockResolvedValue(account());
    expect(await verifyCredentials("ann@example.com", PASSWORD)).toEqual({
      ok: true,
      user: { id: "u1", email: "ann@example.com", role: "customer", emailVerified: false },
    });
  });
});

describe("registerUser", () => {
  it("says an address is taken without hashing anything", async () => {
    findUnique.mockResolvedValue({ id: "u1" });
    const hash = vi.spyOn(bcryptThreads, "hash");
    expect(await registerUser("ann@example.com", PASSWORD)).toEqual({ ok: false, reason: "email-taken" });
    expect(hash).not.toHaveBeenCalled();
  });
});
