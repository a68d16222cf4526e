import { afterAll, describe, expect, it } from 'vitest';
import { loadCollection } from '../../scripts/eval/collections.js';
import { evaluateSearch, loadEvalSemantic } from '../../scripts/eval/evaluate.js';
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
      await expectNoEvalIndices(dataset);
    },
  );

  // The semantic step through the production path (documents indexed with their vendored
  // vectors, queries embedded by the pinned model). Lexical on the same collections: SciFact
  // 0.6926, MED 0.6980.
  it.each([
    { dataset: 'scifact', floor: 0.73 },
    { dataset: 'med', floor: 0.75 },
  ] as const)(
    '$dataset test with the semantic step: nDCG@10 at least $floor',
    { timeout: 600_000 },
    async ({ dataset, floor }) => {
      const collection = await loadCollection(dataset, 'test');
      const semantic = await loadEvalSemantic(collection, () => {});

      const result = await evaluateSearch(client, collection, { concurrency: 2, semantic });

      expect(result.ndcg10).toBeGreaterThanOrEqual(floor);
      await expectNoEvalIndices(dataset);
    },
  );

  async function expectNoEvalIndices(dataset: string) {
    const left = await client.cat.indices(
      { index: `eval-${dataset}-*`, format: 'json' },
      { ignore: [404] },
    );
    expect(left.body).toEqual([]);
  }
});
