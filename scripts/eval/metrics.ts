/**
 * Standard ranked-retrieval metrics, as trec_eval / BEIR compute them with binary or graded
 * judgments: `ranked` is the system's document ids best first, `relevant` maps judged ids to
 * their grade (> 0 is relevant). A query with no relevant document retrieved scores 0.
 */

/** nDCG@k with the linear gain (grade) and log2(rank + 1) discount BEIR uses. */
export function ndcgAt(
  k: number,
  ranked: readonly string[],
  relevant: ReadonlyMap<string, number>,
) {
  const dcg = ranked
    .slice(0, k)
    .reduce((sum, id, i) => sum + (relevant.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...relevant.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + grade / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(
  k: number,
  ranked: readonly string[],
  relevant: ReadonlyMap<string, number>,
) {
  const wanted = [...relevant].filter(([, grade]) => grade > 0).length;
  if (wanted === 0) return 0;
  return ranked.slice(0, k).filter((id) => (relevant.get(id) ?? 0) > 0).length / wanted;
}

/** Reciprocal rank of the first relevant document within the first k, else 0. */
export function reciprocalRankAt(
  k: number,
  ranked: readonly string[],
  relevant: ReadonlyMap<string, number>,
) {
  const rank = ranked.slice(0, k).findIndex((id) => (relevant.get(id) ?? 0) > 0);
  return rank < 0 ? 0 : 1 / (rank + 1);
}

export interface RetrievalScores {
  ndcg10: number;
  recall100: number;
  mrr10: number;
}

/** The three reported metrics of every judged query, in the judgments' order (a missing ranking scores 0). */
export function scoreQueries(
  runs: ReadonlyMap<string, readonly string[]>,
  qrels: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Array<RetrievalScores & { queryId: string }> {
  return [...qrels].map(([queryId, relevant]) => {
    const ranked = runs.get(queryId) ?? [];
    return {
      queryId,
      ndcg10: ndcgAt(10, ranked, relevant),
      recall100: recallAt(100, ranked, relevant),
      mrr10: reciprocalRankAt(10, ranked, relevant),
    };
  });
}

/** Mean of the three reported metrics over every judged query (a missing ranking counts as 0). */
export function scoreRun(
  runs: ReadonlyMap<string, readonly string[]>,
  qrels: ReadonlyMap<string, ReadonlyMap<string, number>>,
): RetrievalScores {
  const perQuery = scoreQueries(runs, qrels);
  const n = Math.max(1, perQuery.length);
  const total = (key: keyof RetrievalScores) => perQuery.reduce((sum, q) => sum + q[key], 0) / n;
  return { ndcg10: total('ndcg10'), recall100: total('recall100'), mrr10: total('mrr10') };
}
