import { describe, expect, it } from "vitest";
import { addressSequence, describeTarget, hodgesLehmannShift, mannWhitneyU, median, meets, normalUpperTail, percentile, round } from "./stats";

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

  it("takes the normal distribution's upper tail", () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.96)).toBeCloseTo(0.0249979, 6);
    expect(normalUpperTail(-1)).toBeCloseTo(0.8413447, 6);
  });

  // Reference values from scipy.stats.mannwhitneyu(a, b, method="asymptotic") (scipy 1.17).
  it("runs the two-sided Mann–Whitney U test as scipy does", () => {
    const apart = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(apart.u).toBe(0);
    expect(apart.p).toBeCloseTo(0.0121858, 5);
    const tied = mannWhitneyU([1, 2, 2, 3, 5, 7], [2, 3, 3, 4, 6, 8, 9]);
    expect(tied.u).toBe(12);
    expect(tied.p).toBeCloseTo(0.2195019, 5);
    const shifted = mannWhitneyU(range(1, 20), range(5, 24));
    expect(shifted.u).toBe(128);
    expect(shifted.p).toBeCloseTo(0.0529247, 5);
    // The same samples either way round: the same p, the complementary U.
    const swapped = mannWhitneyU(range(5, 24), range(1, 20));
    expect(swapped.u).toBe(400 - 128);
    expect(swapped.p).toBeCloseTo(shifted.p, 10);
    expect(mannWhitneyU([3, 3, 3], [3, 3]).p).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(/both sides/);
  });

  it("estimates a shift with its confidence interval (Hodges–Lehmann)", () => {
    // Every difference (i − j) − 4 for i, j in 1…20: median −4; the 99% interval is the
    // 104th smallest and largest of the 400 differences (k = ⌊200 − 2.5758·√1366.7⌋).
    expect(hodgesLehmannShift(range(1, 20), range(5, 24), 0.99)).toEqual({ shift: -4, low: -10, high: 2 });
    const same = hodgesLehmannShift([10, 11, 12, 13], [10, 11, 12, 13], 0.9);
    expect(same.shift).toBe(0);
    expect(same.low).toBeLessThanOrEqual(0);
    expect(same.high).toBeGreaterThanOrEqual(0);
  });
});

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
