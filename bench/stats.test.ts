import { describe, expect, it } from "vitest";
import { addressSequence, describeTarget, median, meets, percentile, round } from "./stats";

describe("benchmark arithmetic", () => {
  it("takes medians of odd and even counts, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/No samples/);
  });

  it("takes nearest-rank percentiles", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([1, 2], 0)).toBe(1);
    expect(() => percentile([1], 1.5)).toThrow(/Not a fraction/);
  });

  it("holds values to targets in either direction, the bound included", () => {
    expect(meets(1.15, { atMost: 1.15 })).toBe(true);
    expect(meets(1.16, { atMost: 1.15 })).toBe(false);
    expect(meets(0.8, { atLeast: 0.8 })).toBe(true);
    expect(meets(0.79, { atLeast: 0.8 })).toBe(false);
    expect(describeTarget({ atMost: 10 }, " ms")).toBe("≤ 10 ms");
    expect(describeTarget({ atLeast: 0.9 })).toBe("≥ 0.9");
  });

  it("rounds for the table", () => {
    expect(round(1.0456)).toBe("1.05");
    expect(round(45.67)).toBe("45.7");
    expect(round(1234.5)).toBe("1235");
  });

  it("hands out distinct private addresses", () => {
    const next = addressSequence();
    const addresses = Array.from({ length: 70_000 }, next);
    expect(new Set(addresses).size).toBe(70_000);
    expect(addresses[0]).toBe("10.0.0.1");
    expect(addresses[255]).toBe("10.0.1.0");
    expect(addresses.every((address) => /^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address))).toBe(true);
  });
});
