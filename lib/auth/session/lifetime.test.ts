import { describe, expect, it } from "vitest";
import {
  LAST_SEEN_WRITE_INTERVAL_MS,
  REMEMBERED_ABSOLUTE_LIFETIME_MS,
  REMEMBERED_IDLE_TIMEOUT_MS,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  sessionExpiry,
  sessionState,
  shouldRecordActivity,
} from "./lifetime";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const login = new Date("2026-11-23T08:00:00Z");
const at = (ms: number) => new Date(login.getTime() + ms);

describe("the limits", () => {
  it("are the ones the product promises", () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(2 * HOUR);
    expect(SESSION_ABSOLUTE_LIFETIME_MS).toBe(12 * HOUR);
    expect(REMEMBERED_IDLE_TIMEOUT_MS).toBe(7 * DAY);
    expect(REMEMBERED_ABSOLUTE_LIFETIME_MS).toBe(30 * DAY);
  });

  it("write lastSeenAt far less often than the shortest idle timeout", () => {
    expect(LAST_SEEN_WRITE_INTERVAL_MS).toBeLessThanOrEqual(SESSION_IDLE_TIMEOUT_MS / 12);
  });
});

describe("sessionState without remember me", () => {
  const session = (lastSeenMs: number) => ({ expires: sessionExpiry(false, login), lastSeenAt: at(lastSeenMs), remember: false });

  it("is active until just before two idle hours", () => {
    expect(sessionState(session(0), at(2 * HOUR - 1))).toBe("active");
  });

  it("is idle at two hours without a request", () => {
    expect(sessionState(session(0), at(2 * HOUR))).toBe("idle");
  });

  it("stays active while requests keep coming, until the twelfth hour", () => {
    expect(sessionState(session(12 * HOUR - HOUR), at(12 * HOUR - 1))).toBe("active");
    expect(sessionState(session(12 * HOUR - HOUR), at(12 * HOUR))).toBe("expired");
  });
});

describe("sessionState with remember me", () => {
  const session = (lastSeenMs: number) => ({ expires: sessionExpiry(true, login), lastSeenAt: at(lastSeenMs), remember: true });

  it("survives a day away but not seven", () => {
    expect(sessionState(session(0), at(DAY))).toBe("active");
    expect(sessionState(session(0), at(7 * DAY - 1))).toBe("active");
    expect(sessionState(session(0), at(7 * DAY))).toBe("idle");
  });

  it("ends at thirty days even when used every day", () => {
    expect(sessionState(session(29 * DAY), at(30 * DAY - 1))).toBe("active");
    expect(sessionState(session(29 * DAY), at(30 * DAY))).toBe("expired");
  });
});

describe("shouldRecordActivity", () => {
  it("writes only once the interval has passed", () => {
    expect(shouldRecordActivity(login, at(LAST_SEEN_WRITE_INTERVAL_MS - 1))).toBe(false);
    expect(shouldRecordActivity(login, at(LAST_SEEN_WRITE_INTERVAL_MS))).toBe(true);
  });
});
