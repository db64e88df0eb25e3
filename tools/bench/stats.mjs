// Percentiles of latency samples, by the nearest-rank method: p99 of 100 samples is the 99th
// smallest, of 10 samples the largest. No interpolation: every value reported was measured.

/** The nearest-rank `p` percentile (0 < p ≤ 100) of ascending `sorted`; undefined when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** `{ count, p50, p90, p99, max }` of the samples (in any order). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
  };
}

/** Adds one to `counts[key]`. */
export function count(counts, key) {
  counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
