import { describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../web/api/client.js';
import { toHighlightResult } from '../../web/instantsearch/highlight.js';
import { toAlgoliaResult } from '../../web/instantsearch/to-algolia-result.js';
import { toApiQuery } from '../../web/instantsearch/to-api-query.js';

const ais = { highlightPreTag: '__ais-highlight__', highlightPostTag: '__/ais-highlight__' };

describe('toApiQuery: an InstantSearch request as GET /search parameters', () => {
  it('maps query, 0-based page, hitsPerPage and the sort replica', () => {
    expect(
      toApiQuery({
        indexName: 'articles_newest',
        params: { query: 'beta cells', page: 2, hitsPerPage: 5, facets: ['tags'], ...ais },
      }),
    ).toEqual({
      query: { q: 'beta cells', sort: 'newest', page: 3, pageSize: 5 },
      unsupported: [],
    });
    expect(toApiQuery({ indexName: 'articles', params: { query: '' } }).query).toEqual({
      pageSize: 20,
    });
  });

  it('turns facet filters into API filters: OR groups, conjunctive tags, the toggle and years', () => {
    expect(
      toApiQuery({
        indexName: 'articles',
        params: {
          hitsPerPage: 10,
          facetFilters: [
            ['tags:children', 'tags:cgm'],
            ['category:Cure Research', 'category:Technology'],
            ['evidenceType:Meta-analysis'],
            ['source:Diabetes Care: Clinical'],
            ['year:2024', 'year:2023'],
            'evidenced:true',
          ],
        },
      }).query,
    ).toEqual({
      tags: ['children', 'cgm'],
      tagsMode: 'any',
      category: ['Cure Research', 'Technology'],
      evidenceType: ['Meta-analysis'],
      source: ['Diabetes Care: Clinical'],
      year: [2024, 2023],
      evidenced: 'true',
    });
    expect(
      toApiQuery({
        indexName: 'articles',
        params: { hitsPerPage: 10, facetFilters: ['tags:children', 'tags:cgm'] },
      }).query,
    ).toEqual({ tags: ['children', 'cgm'] });
  });

  it('reads a year range (rangeInput) as publication dates', () => {
    expect(
      toApiQuery({
        indexName: 'articles',
        params: { hitsPerPage: 10, numericFilters: ['year>=2021', 'year<=2023'] },
      }).query,
    ).toEqual({ publishedFrom: '2021-01-01', publishedTo: '2023-12-31' });
  });

  it('names what it cannot honour, and stays within the API limits', () => {
    const { query, unsupported } = toApiQuery({
      indexName: 'articles',
      params: {
        hitsPerPage: 100,
        page: 500,
        facetFilters: ['-tags:cgm', 'author:x'],
        numericFilters: ['readTimeMinutes<5'],
        filters: 'tags:cgm',
        facets: ['author'],
        analytics: false,
        attributesToSnippet: ['summary:20'],
      },
    });
    expect(query).toEqual({ pageSize: 50, page: 200 });
    expect(unsupported).toEqual([
      'hitsPerPage above 50',
      'negated filter tags',
      'filter on author',
      'numeric filter readTimeMinutes<5',
      'parameter filters',
      'facet author',
    ]);
  });
});

const hit = {
  id: 'cgm-teens',
  title: 'CGM & teens',
  summary: 'Sensors <help> teens',
  category: 'Technology',
  tags: ['cgm', 'teens'],
  publishedAt: '2024-03-01',
  readTimeMinutes: 4,
  evidence: { source: 'Diabetes Care', type: 'Randomized controlled trial' },
  score: 3.2,
  highlights: {
    title: '<mark>CGM</mark> &amp; teens',
    snippets: ['Continuous <mark>glucose</mark> monitors', 'a <mark>CGM</mark> study'],
  },
};
const facetValue = (value: string, count: number, selected = false) => ({
  value,
  count,
  selected,
});
const response: SearchResponse = {
  total: 23,
  page: 2,
  pageSize: 10,
  nextCursor: null,
  hits: [hit, { ...hit, id: 'plain', highlights: { title: 'CGM &amp; teens', snippets: [] } }],
  facets: {
    tags: [facetValue('cgm', 12, true), facetValue('teens', 5)],
    category: [facetValue('Technology', 23)],
    evidenceType: [facetValue('Randomized controlled trial', 9), facetValue('Meta-analysis', 4)],
    source: [facetValue('Diabetes Care', 6)],
    year: [facetValue('2025', 3), facetValue('2024', 20)],
  },
  didYouMean: 'cgm teens',
  relaxed: false,
  approximate: false,
  semantic: false,
  tookMs: 17,
};

describe('toAlgoliaResult: the API answer in Algolia shape', () => {
  const request = {
    indexName: 'articles',
    params: {
      query: 'cgm teens',
      page: 1,
      hitsPerPage: 10,
      facets: ['tags', 'year', 'evidenced'],
      ...ais,
    },
  };

  it('pages 0-based and counts pages within the result window', () => {
    const result = toAlgoliaResult(request, response);
    expect(result).toMatchObject({
      nbHits: 23,
      page: 1,
      nbPages: 3,
      hitsPerPage: 10,
      processingTimeMS: 17,
      query: 'cgm teens',
      index: 'articles',
      didYouMean: 'cgm teens',
    });
    expect(toAlgoliaResult(request, { ...response, total: 50_000 }).nbPages).toBe(1000);
  });

  it('gives facets as value → count, the evidenced toggle counts and year stats', () => {
    const result = toAlgoliaResult(request, response);
    expect(result.facets).toEqual({
      tags: { cgm: 12, teens: 5 },
      year: { '2025': 3, '2024': 20 },
      evidenced: { true: 13, false: 10 },
    });
    expect(result.facets_stats).toEqual({
      year: { min: 2024, max: 2025, avg: (2025 * 3 + 2024 * 20) / 23, sum: 2025 * 3 + 2024 * 20 },
    });
  });

  it('maps hits with objectID, positions and highlights in InstantSearch tags, unescaped once', () => {
    const [first, second] = toAlgoliaResult(request, response).hits;
    expect(first).toMatchObject({ objectID: 'cgm-teens', __position: 11, year: 2024 });
    expect(first?._highlightResult.title).toEqual({
      value: '__ais-highlight__CGM__/ais-highlight__ & teens',
      matchLevel: 'partial',
      matchedWords: ['cgm'],
      fullyHighlighted: false,
    });
    expect(first?._snippetResult.summary?.value).toBe(
      'Continuous __ais-highlight__glucose__/ais-highlight__ monitors … a __ais-highlight__CGM__/ais-highlight__ study',
    );
    expect(second?._snippetResult.summary).toMatchObject({
      value: 'Sensors <help> teens',
      matchLevel: 'none',
    });
  });

  it('answers a counts-only request with facets and no hits', () => {
    const result = toAlgoliaResult(
      { indexName: 'articles', params: { hitsPerPage: 0, facets: 'tags' } },
      response,
    );
    expect(result).toMatchObject({ hits: [], page: 0, facets: { tags: { cgm: 12, teens: 5 } } });
  });
});

describe('toHighlightResult', () => {
  it('keeps the API safe HTML when the caller gave no tags of its own', () => {
    expect(toHighlightResult('<mark>a</mark> &lt;b&gt;', undefined).value).toBe(
      '<mark>a</mark> &lt;b&gt;',
    );
    expect(toHighlightResult('<mark>insulin</mark>', undefined)).toMatchObject({
      matchLevel: 'full',
      fullyHighlighted: true,
    });
  });
});
