import { createRandom } from '../fixtures/seeded-random.js';

/** A mean with its 95% percentile bootstrap interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/**
 * The mean of `values` (per query or per source article, or paired differences) with a 95%
 * percentile bootstrap interval: 2,000 resamples of the values with replacement, from a fixed
 * seed so reruns print the same figures. An interval of a difference that excludes 0 is a
 * difference the choice of queries or sources does not explain.
 */
export function bootstrapMean(values: readonly number[], resamples = 2_000): Interval {
  const random = createRandom(0x9e3779b9);
  const n = values.length;
  const means = Array.from({ length: resamples }, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random.next() * n)] ?? 0;
    return n === 0 ? 0 : sum / n;
  }).sort((a, b) => a - b);
  return {
    mean: mean(values),
    low: means[Math.floor(resamples * 0.025)] ?? 0,
    high: means[Math.ceil(resamples * 0.975) - 1] ?? 0,
  };
}

export const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
