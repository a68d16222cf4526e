/** The nearest-rank `p` quantile (0 < p ≤ 1) of ascending samples; undefined when there are none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Count, p50, p95, p99 and max of latency samples in ms (NaN when there are none). */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(percentile(sorted, p) ?? Number.NaN);
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Two decimals: figures in ms and ratios, readable and stable in JSON. */
export const round = (n: number) => Math.round(n * 100) / 100;

/** A markdown table row `| what | count | p50 | p95 | p99 | max |` of latencies in ms. */
export function latencyRow(what: string, samples: readonly number[] | Summary): string {
  const s = Array.isArray(samples) ? summarize(samples) : (samples as Summary);
  const f = (n: number) => n.toFixed(1);
  return `| ${what} | ${s.count} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} |`;
}
