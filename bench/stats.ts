/** The arithmetic of the benchmarks, kept apart so it can be unit-tested. */

/** The value below which `fraction` of the samples lie (nearest rank on the sorted samples). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) throw new Error("No samples to take a percentile of.");
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`Not a fraction: ${fraction}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("No samples to take a median of.");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle]!;
  return sorted.length % 2 === 1 ? upper : (sorted[middle - 1]! + upper) / 2;
}

/** A target a measured value is held to: at most, or at least, a number. */
export type Target = { atMost: number } | { atLeast: number };

export function meets(value: number, target: Target): boolean {
  return "atMost" in target ? value <= target.atMost : value >= target.atLeast;
}

export function describeTarget(target: Target, unit = ""): string {
  return "atMost" in target ? `≤ ${target.atMost}${unit}` : `≥ ${target.atLeast}${unit}`;
}

/** Rounds for a table: two decimals below 10, one below 100, whole numbers above. */
export function round(value: number): string {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return value.toFixed(digits);
}

/**
 * Distinct client addresses, one per call, from 10.0.0.0/8: the bench server trusts
 * X-Forwarded-For, so per-address limits never mix one scenario's requests with another's.
 */
export function addressSequence(): () => string {
  let next = 1;
  return () => {
    const n = next++;
    if (n >= 2 ** 24) throw new Error("Out of addresses in 10.0.0.0/8.");
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
}
