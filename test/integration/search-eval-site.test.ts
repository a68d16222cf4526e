import { describe, expect, it } from 'vitest';
import { evaluateSearch, loadEvalSemantic } from '../../scripts/eval/evaluate.js';
import { loadSiteCollection, scoreSite } from '../../scripts/eval/site-collection.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';

// `npm run eval -- --dataset site` as a guard: the judged visitor queries over the fixture corpus
// through the project's template, bulk writer and search service on the run's real node.
describe('relevance on the visitor queries (site set)', () => {
  it('ranks the judged articles first and never shows an empty page', async () => {
    const client = createOpenSearchClient({
      openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
      region: 'local',
    });
    try {
      const collection = await loadSiteCollection('test');
      expect(collection.articles).toHaveLength(55);
      expect(collection.queries.length).toBeGreaterThanOrEqual(60);

      const result = await evaluateSearch(client, collection);
      const site = scoreSite(collection, result.runs);

      // measured 0.934 (scripts/eval/README.md; 0.790 before the visitor-query work): a lost
      // synonym, analyzer, field or ranking rule lands lower
      expect(site.ndcg5).toBeGreaterThan(0.92);
      expect(site.perQuery.filter((q) => q.found === 0).map((q) => q.text)).toEqual([]);
      for (const [group, scores] of Object.entries(site.groups)) {
        // the weakest groups measure 0.83 (facet words) and 0.87 (lay words)
        expect({ group, aboveFloor: scores.ndcg5 > 0.8 }).toEqual({ group, aboveFloor: true });
      }
    } finally {
      await client.close();
    }
  });

  // `npm run eval -- --dataset site --semantic`: the fixture articles embedded by the pinned model
  // (as the articles function stores them), queries through the blend at production settings,
  // against lexical ranking of the same queries on the same index. Measured 0.9416 vs 0.9339,
  // paired +0.0077 [+0.0018, +0.0148], no group more than 0.003 below its lexical figure; the
  // same blend for every query shape (no keyword band, no typo gate) scored 0.9091, −0.025.
  it('ranks the visitor queries above lexical with the semantic step', {
    timeout: 120_000,
  }, async () => {
    const client = createOpenSearchClient({
      openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
      region: 'local',
    });
    try {
      const collection = await loadSiteCollection('test');
      const semantic = await loadEvalSemantic(collection, () => {});
      expect(semantic.vectors.size).toBe(55);

      const result = await evaluateSearch(client, collection, { semantic });
      const site = scoreSite(collection, result.runs);
      const lexical = scoreSite(collection, result.lexicalRuns as Map<string, string[]>);

      expect(site.ndcg5).toBeGreaterThan(0.936);
      expect(site.ndcg5 - lexical.ndcg5).toBeGreaterThan(0.004);
      for (const [group, scores] of Object.entries(site.groups)) {
        const floor = (lexical.groups[group]?.ndcg5 ?? 1) - 0.01;
        expect({ group, keepsLexical: scores.ndcg5 > floor }).toEqual({
          group,
          keepsLexical: true,
        });
      }
      expect(site.perQuery.filter((q) => q.found === 0).map((q) => q.text)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
