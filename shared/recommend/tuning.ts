/**
 * Every knob of the related-articles ranking, in one place. `npm run eval:related` measures
 * what a change does (tune on SciFact *train* pairs only, `--set related.<path>=<value>` to try a
 * value; report train+test pairs with `--split all`, and MED).
 *
 * How a candidate's score is made, every part in [0, 1]:
 *   score = content  × similarity of its text to the source (more_like_this, relative to the
 *                      source's own score, so 1 ≈ the source itself)
 *         + meaning  × cosine similarity of its sentence vector to the source's (0 when
 *                      either has none; see shared/semantic)
 *         + tags     × share of the source's tag weight it carries (rare tags weigh more)
 *         + category × 1 when it is in the source's category
 *         + recency  × 0.5 ^ (age / recencyHalfLifeDays)
 * Only good matches (see `good`) are ranked; the list is diversified with maximal marginal
 * relevance (MMR) and, when fewer good matches than asked for exist, filled with `fallback: true`
 * items.
 */
export const relatedTuning: RelatedTuning = {
  /** How many candidates each retrieval brings back before ranking. */
  pool: { similar: 40, tagged: 30, fallback: 16 },
  /** more_like_this over title, summary, key takeaways and body. */
  moreLikeThis: {
    minTermFreq: 1,
    /** A term only the source has cannot match anything else. */
    minDocFreq: 2,
    maxQueryTerms: 30,
    minimumShouldMatch: '10%',
  },
  /**
   * `meaning` (stored sentence vectors, all-MiniLM-L6-v2): the best of 0.1–1.2 on SciFact train
   * pairs (recommender nDCG@4 0.495 without, 0.569 at 0.8; scripts/eval/README.md).
   */
  weights: { content: 0.6, meaning: 0.8, tags: 0.1, category: 0.05, recency: 0.1 },
  recencyHalfLifeDays: 730,
  /**
   * A good match covers (see rank.ts, coverage) at least `coverage` of the source's text and
   * shares a tag or the category with it; or it covers `closeCoverage` (then a reason says the
   * text is closely related); or it carries `tagOverlap` of the source's tag weight. Category
   * and recency order good matches but never make one.
   */
  good: { coverage: 0.1, closeCoverage: 0.2, tagOverlap: 0.5 },
  /**
   * MMR: pick the candidate maximising lambda × score − (1 − lambda) × its largest similarity
   * to an item already picked; similarity mixes same journal, same evidence type and shared tags.
   */
  mmr: { lambda: 0.7, journal: 0.35, evidenceType: 0.25, tags: 0.4 },
};

export interface RelatedTuning {
  pool: { similar: number; tagged: number; fallback: number };
  moreLikeThis: {
    minTermFreq: number;
    minDocFreq: number;
    maxQueryTerms: number;
    minimumShouldMatch: string;
  };
  weights: { content: number; meaning: number; tags: number; category: number; recency: number };
  recencyHalfLifeDays: number;
  good: { coverage: number; closeCoverage: number; tagOverlap: number };
  mmr: { lambda: number; journal: number; evidenceType: number; tags: number };
}
