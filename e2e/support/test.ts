import { randomInt } from "node:crypto";
import { test as base, expect } from "@playwright/test";

/**
 * The suite's `test`: every test comes from its own client address. The e2e server runs
 * "behind a trusted proxy" (CLIENT_IP_HEADER=x-forwarded-for in playwright.config.ts), so
 * sending X-Forwarded-For is what a proxy in front of it would do. With one address per
 * test, per-address rate limits never let one test's failed logins block another's.
 *
 * The header goes through the `extraHTTPHeaders` option, so the `page`, `context` and
 * `request` fixtures send it, and so do contexts a test opens itself with
 * `browser.newContext()`: Playwright fills in the test's options for every context created
 * during the test, unless the call names that option itself.
 */
/** A made-up client address from 10.0.0.0/8 (private, never a real client of the suite). */
export function randomAddress(): string {
  return ["10", randomInt(256), randomInt(256), randomInt(1, 255)].join(".");
}

export const test = base.extend<{ clientIp: string }>({
  /** This test's address; a test that needs more sends randomAddress() per request. */
  clientIp: async ({}, use) => {
    await use(randomAddress());
  },
  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, use) => {
    await use({ ...extraHTTPHeaders, "X-Forwarded-For": clientIp });
  },
});

/**
 * The mark of a test that loads the machine (a burst of simultaneous requests, extra
 * production servers): playwright.config.ts runs these alone, after the rest.
 */
export const LOAD = { tag: "@load" };

export { expect };
