import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexArticles } from '../../scripts/eval/evaluate.js';
import type { LiveItem } from '../../shared/articles/stored-article.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { relevance } from '../../shared/search/relevance.js';
import { parseSearchParams } from '../../shared/search/search-params.js';
import type { SearchResponse } from '../../shared/search/search-response.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { semanticRankingOf } from '../../shared/search/semantic-rerank.js';
import { blendOrder } from '../../shared/semantic/blend.js';
import { type Embedder, loadEmbedder } from '../../shared/semantic/embedder.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { decodeVector } from '../../shared/semantic/vector-codec.js';
import { failingEmbedder } from '../helpers/failing-embedder.js';
import { fixturesWithVectors } from '../helpers/fixture-vectors.js';

// The semantic step against the real OpenSearch node: the lexical top window comes back with the
// stored vectors, is re-ordered by the blend, and everything else (total, facets, suggestions)
// stays the lexical query's. Without the model or without vectors, answers are lexical.
describe('semantic search: lexical window re-ranked by the blend', () => {
  const client = createOpenSearchClient({
    openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
    region: 'local',
  });
  // every query blended over the whole window, as a description is (keywords: see blendFor's test)
  const tuning = {
    ...relevance,
    semantic: {
      weight: 0.5,
      window: 40,
      keywords: { ...relevance.semantic.keywords, maxWords: 0 },
    },
  };
  const now = () => new Date('2026-06-01T00:00:00Z');
  let embedder: Embedder;
  let items: LiveItem[];
  let withVectors: { alias: string; drop: () => Promise<void> };
  let withoutVectors: { alias: string; drop: () => Promise<void> };

  const params = (q: string, extra: Record<string, string> = {}) =>
    parseSearchParams(
      new Map([
        ['q', [q]],
        ...Object.entries(extra).map(([k, v]) => [k, [v]] as [string, string[]]),
      ]),
    );
  const service = (
    index: string,
    semantic = semanticRankingOf(embedder),
    onSemanticUnavailable?: (reason: string) => void,
  ) => createSearchService(client, { index, now, tuning, semantic, onSemanticUnavailable });
  const lexical = (index: string) => createSearchService(client, { index, now, tuning });
  const sameExceptRanking = (a: SearchResponse, b: SearchResponse) => {
    expect(a.total).toBe(b.total);
    expect(a.facets).toEqual(b.facets);
    expect(a.didYouMean).toBe(b.didYouMean);
    expect(a.relaxed).toBe(b.relaxed);
  };

  beforeAll(async () => {
    embedder = await loadEmbedder(process.env.SEMANTIC_MODEL_DIR as string, semanticModel);
    items = await fixturesWithVectors(embedder);
    withVectors = await indexArticles(client, 'semantic-search', items);
    withoutVectors = await indexArticles(
      client,
      'semantic-lexical',
      items.map(({ embedding: _, ...article }) => article),
    );
  }, 120_000);

  afterAll(async () => {
    await withVectors?.drop();
    await withoutVectors?.drop();
    await client.close();
  });

  it('re-orders the lexical window by the blend and keeps total, facets and suggestions', async () => {
    const q = 'insulin';
    const window = await lexical(withVectors.alias).search({
      ...params(q),
      pageSize: tuning.semantic.window,
    });
    expect(window.total).toBeGreaterThan(10);
    const query = (await embedder.embed([q], 'query'))[0] as Float32Array;
    const byId = new Map(items.map((item) => [item.id, item.embedding?.vector as string]));
    const expected = blendOrder(
      window.hits.map((hit) => ({
        lexical: hit.score,
        vector: decodeVector(byId.get(hit.id) as string, semanticModel.dimensions),
      })),
      query,
      tuning.semantic.weight,
    ).map((i) => window.hits[i]?.id);
    expect(expected).not.toEqual(window.hits.map((hit) => hit.id));

    const first = await service(withVectors.alias).search({ ...params(q), pageSize: 5 });
    const second = await service(withVectors.alias).search({ ...params(q), pageSize: 5, page: 2 });
    const lexicalFirst = await lexical(withVectors.alias).search({ ...params(q), pageSize: 5 });

    expect(first.semantic).toBe(true);
    expect(lexicalFirst.semantic).toBe(false);
    expect(first.hits.map((hit) => hit.id)).toEqual(expected.slice(0, 5));
    expect(second.hits.map((hit) => hit.id)).toEqual(expected.slice(5, 10));
    sameExceptRanking(first, lexicalFirst);
    expect(first.hits[0]?.highlights.title).toBeTruthy();
  });

  it('re-orders a keyword query only among near-equal text matches, and not one with a typo (production tuning)', async () => {
    const production = (semantic?: ReturnType<typeof semanticRankingOf>) =>
      createSearchService(client, { index: withVectors.alias, now, semantic });
    const ids = (hits: SearchResponse['hits']) => hits.map((hit) => hit.id);
    const both = async (q: string) => {
      const request = { ...params(q), pageSize: relevance.semantic.window };
      return Promise.all([
        production(semanticRankingOf(embedder)).search(request),
        production().search(request),
      ]);
    };

    const [blended, plain] = await both('type 1 diabetes');
    const top = plain.hits[0]?.score ?? 0;
    const band = plain.hits.filter(
      (hit) => hit.score >= relevance.semantic.keywords.nearBest * top,
    );
    expect(blended.semantic).toBe(true);
    expect(band.length).toBeGreaterThan(1);
    expect(new Set(ids(blended.hits.slice(0, band.length)))).toEqual(new Set(ids(band)));
    expect(ids(blended.hits.slice(band.length))).toEqual(ids(plain.hits.slice(band.length)));

    const [typo, typoPlain] = await both('insulin pupms');
    expect(typoPlain.didYouMean).toBe('insulin pumps');
    expect(typo.semantic).toBe(true);
    expect(ids(typo.hits)).toEqual(ids(typoPlain.hits));
  });

  it('keeps lexical order for browsing, other sort orders and pages past the window', async () => {
    const semantic = service(withVectors.alias);
    for (const request of [
      params(''),
      params('insulin', { sort: 'newest' }),
      { ...params('insulin'), pageSize: 20, page: 3 }, // starts past the window of 40
    ]) {
      const [blended, plain] = await Promise.all([
        semantic.search(request),
        lexical(withVectors.alias).search(request),
      ]);
      expect(blended.semantic).toBe(false);
      expect(blended.hits.map((hit) => hit.id)).toEqual(plain.hits.map((hit) => hit.id));
    }
  });

  it('pages a blended ranking with cursors: the same order as one long page, no duplicate, no gap', async () => {
    const q = 'type 1 diabetes';
    const semantic = service(withVectors.alias);
    // one page holding everything: the window blended, then lexical order
    const whole = await semantic.search({ ...params(q), pageSize: 100 });
    expect(whole.semantic).toBe(true);
    expect(whole.total).toBeGreaterThan(tuning.semantic.window + 7); // pages run past the window
    const lexicalOrder = (await lexical(withVectors.alias).search({ ...params(q), pageSize: 100 }))
      .hits;
    expect(whole.hits.map((hit) => hit.id)).not.toEqual(lexicalOrder.map((hit) => hit.id));

    // pages of 7: five inside the window of 40, one across its end, then lexical search_after
    const paged: string[] = [];
    const flags: boolean[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await semantic.search(
        parseSearchParams(
          new Map([
            ['q', [q]],
            ['pageSize', ['7']],
            ...(cursor ? [['cursor', [cursor]] as [string, string[]]] : []),
          ]),
        ),
      );
      paged.push(...page.hits.map((hit) => hit.id));
      flags.push(page.semantic);
      cursor = page.nextCursor;
    } while (cursor);

    expect(paged).toEqual(whole.hits.map((hit) => hit.id));
    expect(new Set(paged).size).toBe(whole.total);
    expect(flags.slice(0, 6)).toEqual([true, true, true, true, true, true]); // 0–41 blended
    expect(flags.slice(6).every((flag) => !flag)).toBe(true);
  });

  it('answers lexically, and says why, when the query cannot be embedded or no article has a vector', async () => {
    const reasons: string[] = [];
    const request = { ...params('insulin'), pageSize: 10 };
    const plain = await lexical(withVectors.alias).search(request);

    const failed = await service(withVectors.alias, semanticRankingOf(failingEmbedder), (r) =>
      reasons.push(r),
    ).search(request);
    const unvectored = await service(withoutVectors.alias, undefined, (r) =>
      reasons.push(r),
    ).search(request);

    for (const response of [failed, unvectored]) {
      expect(response.semantic).toBe(false);
      expect(response.hits.map((hit) => hit.id)).toEqual(plain.hits.map((hit) => hit.id));
      expect(response.nextCursor !== null).toBe(plain.nextCursor !== null);
      sameExceptRanking(response, plain);
    }
    expect(reasons).toEqual([
      expect.stringContaining('query embedding failed'),
      'no hit has a vector of the current model',
    ]);
  });
});
