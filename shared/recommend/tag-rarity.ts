/**
 * How many *other* recommendable articles (live, evidence-labeled, published) carry each of the
 * source article's tags, from one terms aggregation. Sharing `genetics` says more than sharing
 * a tag nearly every article has; the weight below says how much more.
 */
export interface TagRarity {
  /** Recommendable articles other than the source. */
  total: number;
  /** Tag → how many of them carry it; a tag nobody else has is absent or 0. */
  counts: Record<string, number>;
}

/**
 * Inverse document frequency (the BM25 form, never negative): about 0 for a tag on every
 * article, largest for a tag only one other article shares. 0 for a tag nobody shares.
 */
export function tagWeight(rarity: TagRarity, tag: string): number {
  const n = rarity.counts[tag] ?? 0;
  if (n <= 0) return 0;
  return Math.log(1 + (rarity.total - n + 0.5) / (n + 0.5));
}

/** Tags that at least one other article shares, rarest (most specific) first; ties by name. */
export function strongestTags(tags: readonly string[], rarity: TagRarity): string[] {
  return tags
    .filter((tag) => (rarity.counts[tag] ?? 0) > 0)
    .sort((a, b) => tagWeight(rarity, b) - tagWeight(rarity, a) || a.localeCompare(b));
}

/**
 * Share of the source's shareable tag weight that a candidate carries, in [0, 1]: 1 when it
 * shares every tag anybody else has, weighted so rare shared tags count for more.
 */
export function tagOverlap(
  sourceTags: readonly string[],
  candidateTags: readonly string[],
  rarity: TagRarity,
): number {
  const candidate = new Set(candidateTags);
  let shared = 0;
  let possible = 0;
  for (const tag of sourceTags) {
    const weight = tagWeight(rarity, tag);
    possible += weight;
    if (candidate.has(tag)) shared += weight;
  }
  return possible > 0 ? shared / possible : 0;
}
