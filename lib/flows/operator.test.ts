import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import { migratedTestDatabase } from "../db/test-database";

// The operator's commands (npm run users) on a real database; the throttles in memory.
// What is tested here: activate and sign-out also give back an email's capped logins.

const state = vi.hoisted(() => ({ client: undefined as PrismaClient | undefined }));

vi.mock("../db/client", async (importActual) => (await import("../db/test-database")).databaseModuleOn(state, importActual));
vi.mock("../auth/throttle/store", async () => (await import("../auth/throttle/testing")).memoryThrottleStore());

const { setAccountActive, signOutEverywhere } = await import("./operator");
const { throttles } = await import("../auth/throttle/store");
const { capLogins } = await import("../auth/throttle/testing");

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
