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

/**
 * The standard normal distribution's upper tail, P(Z > z), from the complementary error
 * function (Numerical Recipes' erfcc, fractional error below 1.2e-7 everywhere).
 */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** 1-based ranks of the samples, ties sharing their mean rank, and Σ(t³ − t) over the tied groups. */
function ranksWithTies(samples: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = samples.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(samples.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const shared = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[order[k]!.index] = shared;
    const tied = end - start + 1;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/**
 * Two-sided Mann–Whitney U test of "a and b come from the same distribution", by the normal
 * approximation with the tie correction and a continuity correction (as scipy's
 * `mannwhitneyu(a, b, method="asymptotic")`). `u` is a's statistic: how many (a, b) pairs have
 * a above b, ties counting one half. Good for the hundreds of samples the benchmarks take.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): { u: number; z: number; p: number } {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new Error("The Mann–Whitney test needs samples on both sides.");
  const { ranks, tieTerm } = ranksWithTies([...a, ...b]);
  const rankSumA = ranks.slice(0, n).reduce((sum, rank) => sum + rank, 0);
  const u = rankSumA - (n * (n + 1)) / 2;
  const mean = (n * m) / 2;
  const total = n + m;
  const variance = ((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance === 0) return { u, z: 0, p: 1 }; // every value the same
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(u - mean) * distance) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/** The z with P(|Z| ≤ z) = confidence, by bisection on the tail above. */
function twoSidedZ(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`Not a confidence level: ${confidence}`);
  let low = 0;
  let high = 10;
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2;
    if (2 * normalUpperTail(middle) > 1 - confidence) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * The Hodges–Lehmann estimate of how far a lies above b: the median of every difference
 * a[i] − b[j], with the distribution-free confidence interval that inverts the Mann–Whitney
 * test (normal approximation, no tie correction): the k-th smallest and k-th largest of
 * those differences.
 */
export function hodgesLehmannShift(a: readonly number[], b: readonly number[], confidence = 0.99): { shift: number; low: number; high: number } {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new Error("A shift needs samples on both sides.");
  const differences = a.flatMap((x) => b.map((y) => x - y)).sort((p, q) => p - q);
  const spread = twoSidedZ(confidence) * Math.sqrt((n * m * (n + m + 1)) / 12);
  const k = Math.max(1, Math.floor((n * m) / 2 - spread));
  return { shift: median(differences), low: differences[k - 1]!, high: differences[differences.length - k]! };
}
