import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import { migratedTestDatabase } from "../test-database";

// The operator's commands (npm run users) on a real database; the throttles in memory.
// What is tested here: activate and sign-out also give back an email's capped logins.

const state = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));

vi.mock("../db", () => ({
  get db() {
    return state.client;
  },
}));
vi.mock("./rate-limit-store", async () => {
  const { RateLimiterMemory } = await import("rate-limiter-flexible");
  const { createThrottles } = await import("./rate-limits");
  return { throttles: createThrottles((options) => new RateLimiterMemory(options)) };
});

const { setAccountActive, signOutEverywhere } = await import("./accounts");
const { throttles } = await import("./rate-limit-store");
const { capLogins } = await import("./rate-limits-testing");

let removeDatabase: () => Promise<void>;

beforeAll(async () => {
  let client: PrismaClient;
  ({ client, remove: removeDatabase } = await migratedTestDatabase("accounts"));
  state.client = client;
}, 60_000);

afterAll(() => removeDatabase());

describe("the operator's commands and capped logins", () => {
  it.each([
    ["activate", (email: string) => setAccountActive(email, true)],
    ["sign-out", (email: string) => signOutEverywhere(email)],
  ])("%s allows the account's password logins again", async (name, command) => {
    const email = `${name}@example.com`;
    await state.client!.user.create({ data: { email } });
    await capLogins(throttles, email);
    expect(await command(email)).toEqual({ sessionsEnded: 0 });
    expect((await throttles.beginLogin(email, "10.1.0.1")).allowed).toBe(true);
  });

  it("deactivate leaves the cap as it is", async () => {
    const email = "deactivate@example.com";
    await state.client!.user.create({ data: { email } });
    await capLogins(throttles, email);
    await setAccountActive(email, false);
    expect(await throttles.beginLogin(email, "10.1.0.1")).toEqual({ allowed: false, capped: true });
  });
});
