import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../scripts/eval/collections.js';
import { evaluateSearch } from '../../scripts/eval/evaluate.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';

// `npm run eval` in small: the MED collection (1,033 abstracts, 30 judged queries) through the
// project's template, bulk writer and search service on the run's real OpenSearch node.
describe('relevance evaluation on MED', () => {
  it('indexes the collection into a fresh index and ranks it well above chance', async () => {
    const client = createOpenSearchClient({
      openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
      region: 'local',
    });
    try {
      const collection = await loadCollection('med', 'test');
      expect(collection.documents).toHaveLength(1033);
      expect(collection.queries).toHaveLength(30);

      const result = await evaluateSearch(client, collection);

      expect(result.queries).toBe(30);
      // plain BM25 scores 0.66 here; a broken analyzer, mapping or query lands far lower
      expect(result.ndcg10).toBeGreaterThan(0.6);
      expect(result.recall100).toBeGreaterThan(0.6);
      expect(result.mrr10).toBeGreaterThan(0.8);
      const left = await client.cat.indices(
        { index: 'eval-med-*', format: 'json' },
        { ignore: [404] },
      );
      expect(left.body).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
