import { cosine } from './vector-codec.js';

export interface BlendCandidate {
  /** The lexical (BM25-based) score OpenSearch gave the hit. */
  lexical: number;
  /** The article's unit vector; undefined when it has none yet. */
  vector: Float32Array | undefined;
}

/**
 * Re-scores lexical candidates (the top of a BM25 ranking) with their similarity to the query
 * vector: both scores are min-max scaled over the candidates, then mixed linearly,
 * `(1 − weight) × lexical + weight × semantic`. A candidate without a vector gets the lowest
 * semantic score. Returns the candidates' indices, best first (ties keep lexical order).
 */
export function blendOrder(
  candidates: readonly BlendCandidate[],
  query: Float32Array,
  weight: number,
): number[] {
  const similarity = candidates.map((c) => (c.vector ? cosine(c.vector, query) : undefined));
  const known = similarity.filter((s): s is number => s !== undefined);
  const lexical = scaler(candidates.map((c) => c.lexical));
  const semantic = scaler(known);
  const blended = candidates.map(
    (c, i) => (1 - weight) * lexical(c.lexical) + weight * semantic(similarity[i] ?? Number.NaN),
  );
  return candidates
    .map((_, i) => i)
    .sort((a, b) => (blended[b] as number) - (blended[a] as number) || a - b);
}

/** Min-max scaling to [0, 1] over `values`; NaN (no value) and a flat set map to 0. */
function scaler(values: readonly number[]): (value: number) => number {
  const min = Math.min(...values);
  const range = Math.max(...values) - min;
  return (value) => (Number.isNaN(value) || !(range > 0) ? 0 : (value - min) / range);
}
