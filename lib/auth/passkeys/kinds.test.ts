import { describe, expect, it } from "vitest";
import { DEVICE_BOUND_PASSKEY, SYNCED_PASSKEY, authenticatorKind } from "./kinds";

describe("authenticatorKind", () => {
  it("names a known provider by its AAGUID", () => {
    expect(authenticatorKind("EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4", "multiDevice")).toBe("Google Password Manager");
  });

  it("describes any other by whether it is synced", () => {
    const none = "00000000-0000-0000-0000-000000000000";
    expect(authenticatorKind(none, "multiDevice")).toBe(SYNCED_PASSKEY);
    expect(authenticatorKind(none, "singleDevice")).toBe(DEVICE_BOUND_PASSKEY);
    expect(authenticatorKind("", "anything else")).toBe(DEVICE_BOUND_PASSKEY);
  });
});
