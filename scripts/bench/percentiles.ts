/** The nearest-rank `p` quantile (0 < p ≤ 1) of ascending samples; undefined when there are none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** A markdown table row `| what | count | p50 | p95 | p99 | max |` of latencies in ms. */
export function latencyRow(what: string, samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (percentile(sorted, p) ?? 0).toFixed(1);
  return `| ${what} | ${samples.length} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${(sorted.at(-1) ?? 0).toFixed(1)} |`;
}
