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

  const leftover = async (pattern: string) =>
    (await client.cat.indices({ index: pattern, format: 'json' }, { ignore: [404] })).body;

  it('SciFact test: nDCG@10 at least 0.69 (published BM25: 0.665)', {
    timeout: 300_000,
  }, async () => {
    const collection = await loadCollection('scifact', 'test');
    expect(collection.documents).toHaveLength(5183);
    expect(collection.queries).toHaveLength(300);

    const result = await evaluateSearch(client, collection, { concurrency: 2 });

    expect(result.queries).toBe(300);
    expect(result.ndcg10).toBeGreaterThanOrEqual(0.69);
    expect(result.recall100).toBeGreaterThan(0.9);
    expect(await leftover('eval-scifact-*')).toEqual([]);
  });

  it('MED: nDCG@10 at least 0.69 (plain BM25: 0.663)', { timeout: 120_000 }, async () => {
    const collection = await loadCollection('med', 'test');
    expect(collection.documents).toHaveLength(1033);
    expect(collection.queries).toHaveLength(30);

    const result = await evaluateSearch(client, collection, { concurrency: 2 });

    expect(result.queries).toBe(30);
    expect(result.ndcg10).toBeGreaterThanOrEqual(0.69);
    expect(result.mrr10).toBeGreaterThan(0.8);
    expect(await leftover('eval-med-*')).toEqual([]);
  });
});
