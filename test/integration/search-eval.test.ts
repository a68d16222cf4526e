import { afterAll, describe, expect, it } from 'vitest';
import { loadCollection } from '../../scripts/eval/collections.js';
import { evaluateSearch } from '../../scripts/eval/evaluate.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';

// CI guards on search quality: `npm run eval -- --split test` on the vendored collections, through
// the project's template, bulk writer and search service on the run's real OpenSearch node. A
// change to the query, analyzers or mapping that costs relevance fails here.
describe('relevance guards', () => {
  const client = createOpenSearchClient({
    openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
    region: 'local',
  });
  afterAll(() => client.close());

  it.each([
    // published BM25 on SciFact test: 0.665; a plain BM25 scores 0.663 on MED
    { dataset: 'scifact', documents: 5183, queries: 300, floor: 0.69 },
    { dataset: 'med', documents: 1033, queries: 30, floor: 0.69 },
  ] as const)(
    '$dataset test: nDCG@10 at least $floor over $queries queries',
    { timeout: 600_000 },
    async ({ dataset, documents, queries, floor }) => {
      const collection = await loadCollection(dataset, 'test');
      expect(collection.documents).toHaveLength(documents);

      const result = await evaluateSearch(client, collection, { concurrency: 2 });

      expect(result.queries).toBe(queries);
      expect(result.ndcg10).toBeGreaterThanOrEqual(floor);
      const left = await client.cat.indices(
        { index: `eval-${dataset}-*`, format: 'json' },
        { ignore: [404] },
      );
      expect(left.body).toEqual([]);
    },
  );
});
