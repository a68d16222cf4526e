import algoliasearchHelper from 'algoliasearch-helper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../web/api/client.js';
import { createSearchClient } from '../../web/instantsearch/search-client.js';
import { type SearchStack, startSearchStack } from '../helpers/search-stack.js';

/**
 * The InstantSearch adapter against the real API, driven by algoliasearch-helper — the state
 * engine inside InstantSearch.js and React InstantSearch — as the widgets drive it.
 */
let api: SearchStack;
let requested: string[] = [];
const warnings: string[] = [];

beforeAll(async () => {
  api = await startSearchStack('web-search-client');
}, 240_000);

afterAll(async () => {
  await api?.close();
});

function client() {
  requested = [];
  return createSearchClient({
    apiBase: api.url,
    warn: (message) => warnings.push(message),
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      requested.push(new URL(url).search);
      return fetch(input, init);
    },
  });
}

type Helper = algoliasearchHelper.AlgoliaSearchHelper;
type Results = algoliasearchHelper.SearchResults<{ objectID: string; publishedAt: string }>;

/** Runs the helper's search and resolves with its results (or rejects with its error). */
function searchWith(helper: Helper): Promise<Results> {
  return new Promise((resolve, reject) => {
    helper.once('result', ({ results }: { results: Results }) => resolve(results));
    helper.once('error', ({ error }: { error: Error }) => reject(error));
    helper.search();
  });
}

const direct = async (query: string) => (await api.get<SearchResponse>(`/search?${query}`)).body;

describe('the InstantSearch adapter on GET /search', () => {
  it('answers refined disjunctive facets with one API request and the API counts', async () => {
    const helper = algoliasearchHelper(client() as never, 'articles', {
      disjunctiveFacets: ['tags', 'category', 'evidenceType', 'source'],
      facets: ['evidenced', 'year'],
      hitsPerPage: 5,
    });
    helper
      .setQuery('insulin')
      .addDisjunctiveFacetRefinement('tags', 'children')
      .addDisjunctiveFacetRefinement('tags', 'cgm')
      .addDisjunctiveFacetRefinement('category', 'Technology & Devices');
    const results = await searchWith(helper);

    // the main request plus one counts-only request per refined attribute, one API call
    expect(requested).toHaveLength(1);
    const expected = await direct(
      'q=insulin&tags=children&tags=cgm&tagsMode=any&category=Technology%20%26%20Devices&pageSize=5',
    );
    expect(results.nbHits).toBe(expected.total);
    expect(results.hits.map((h) => h.objectID)).toEqual(expected.hits.map((h) => h.id));
    const tags = results.getFacetValues('tags', {}) as Array<{
      name: string;
      count: number;
      isRefined: boolean;
    }>;
    expect(Object.fromEntries(tags.map((v) => [v.name, v.count]))).toEqual(
      Object.fromEntries(expected.facets.tags.map((v) => [v.value, v.count])),
    );
    expect(
      tags
        .filter((v) => v.isRefined)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['cgm', 'children']);
  });

  it('pages 0-based, sorts by the newest replica and filters the evidenced toggle and a year', async () => {
    const helper = algoliasearchHelper(client() as never, 'articles_newest', {
      facets: ['evidenced', 'year'],
      hitsPerPage: 4,
    });
    helper.addFacetRefinement('evidenced', 'true').addFacetRefinement('year', '2025').setPage(1);
    const results = await searchWith(helper);
    const expected = await direct('evidenced=true&year=2025&sort=newest&page=2&pageSize=4');
    expect(results.page).toBe(1);
    expect(results.nbPages).toBe(Math.ceil(expected.total / 4));
    expect(results.hits.map((h) => h.objectID)).toEqual(expected.hits.map((h) => h.id));
    expect(results.hits.every((h) => String(h.publishedAt).startsWith('2025'))).toBe(true);
  });

  it('highlights with InstantSearch tags, and reports an unsupported parameter once', async () => {
    const search = client();
    const request = {
      indexName: 'articles',
      params: {
        query: 'beta cells',
        hitsPerPage: 3,
        highlightPreTag: '__ais-highlight__',
        highlightPostTag: '__/ais-highlight__',
        aroundLatLng: '1,2',
      },
    };
    const { results } = await search.search([request]);
    await search.search([request]);
    const [hit] = results[0]?.hits ?? [];
    expect(hit?._highlightResult.title?.value).toContain('__ais-highlight__');
    expect(hit?._highlightResult.title?.value).not.toContain('<mark>');
    expect(warnings.filter((w) => w.includes('aroundLatLng'))).toHaveLength(1);
    // the second, identical search was answered from the cache
    expect(requested).toHaveLength(1);
  });

  it('turns an API error into a rejected search naming the problem', async () => {
    await expect(
      client().search([{ indexName: 'articles', params: { query: 'x'.repeat(501) } }]),
    ).rejects.toThrow(/GET \/search failed \(400\)/);
  });
});
