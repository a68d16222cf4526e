import { join } from 'node:path';
import { loadFixtureArticles } from '../local/fixtures.js';
import { repoRoot } from '../local/repo-root.js';
import { type Collection, loadQrels, loadQueries, type Split } from './collections.js';
import { ndcgAt } from './metrics.js';

/** The judged visitor queries over the fixture corpus (see its README). */
export const siteDataDir = join(repoRoot, 'data', 'eval', 'site');

/**
 * The day the site set's searches run on: after every fixture's publication date, fixed so the
 * recency factor (which the set measures along with the text match) never drifts.
 */
export const siteSearchDay = new Date('2026-12-01T12:00:00Z');

/** The fixture articles as stored articles, with the visitor queries and their judgments. */
export async function loadSiteCollection(split: Split, dir = siteDataDir): Promise<Collection> {
  if (split !== 'test') throw new Error('site has no train split (it has: test)');
  const updatedAt = `${siteSearchDay.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const articles = (await loadFixtureArticles()).map((input) => ({
    ...input,
    version: 1,
    updatedAt,
  }));
  const qrels = await loadQrels(join(dir, 'qrels', 'test.tsv'));
  const queries = (await loadQueries(join(dir, 'queries.jsonl'))).filter((q) => qrels.has(q.id));
  return { dataset: 'site', split, documents: [], articles, now: siteSearchDay, queries, qrels };
}

/** nDCG@5 and the share of queries that found nothing, over one group of queries. */
export interface SiteScores {
  queries: number;
  ndcg5: number;
  zeroResultRate: number;
}

/** The site set's figures: overall, per query group, and every query's own nDCG@5. */
export function scoreSite(
  collection: Pick<Collection, 'queries' | 'qrels'>,
  runs: ReadonlyMap<string, readonly string[]>,
) {
  const perQuery = collection.queries.map((query) => {
    const ranked = runs.get(query.id) ?? [];
    const judged = collection.qrels.get(query.id) ?? new Map<string, number>();
    return { ...query, ndcg5: ndcgAt(5, ranked, judged), found: ranked.length, top: ranked[0] };
  });
  const summarize = (rows: typeof perQuery): SiteScores => ({
    queries: rows.length,
    ndcg5: rows.reduce((sum, row) => sum + row.ndcg5, 0) / Math.max(1, rows.length),
    zeroResultRate: rows.filter((row) => row.found === 0).length / Math.max(1, rows.length),
  });
  const groups = [...new Set(perQuery.map((row) => row.group ?? ''))];
  return {
    ...summarize(perQuery),
    groups: Object.fromEntries(
      groups.map((group) => [
        group,
        summarize(perQuery.filter((row) => (row.group ?? '') === group)),
      ]),
    ),
    perQuery,
  };
}
