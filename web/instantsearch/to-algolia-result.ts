import type { SearchHit, SearchResponse } from '../api/client.js';
import { escapeHtml } from '../html.js';
import type {
  AlgoliaHit,
  AlgoliaRequest,
  AlgoliaResult,
  FacetStats,
  HighlightResult,
} from './algolia-types.js';
import { type HighlightTags, toHighlightResult } from './highlight.js';
import { facetAttributes, maxResultWindow, toggleAttribute } from './to-api-query.js';

/**
 * The API's answer as the Algolia result InstantSearch expects for one request. `response` may
 * have been fetched for another request of the same batch: a request for facet counts only
 * (hitsPerPage 0) is answered from the main one, whose counts are already disjunctive.
 */
export function toAlgoliaResult(request: AlgoliaRequest, response: SearchResponse): AlgoliaResult {
  const params = request.params ?? {};
  const hitsPerPage = params.hitsPerPage ?? 20;
  const tags = highlightTags(params.highlightPreTag, params.highlightPostTag);
  const countsOnly = hitsPerPage === 0;
  const window = Math.min(response.total, maxResultWindow);
  const facets = toFacets(response, requestedFacets(params.facets), params.maxValuesPerFacet);
  return {
    hits: countsOnly
      ? []
      : response.hits.map((hit, i) =>
          toHit(hit, tags, (response.page - 1) * response.pageSize + i + 1),
        ),
    nbHits: response.total,
    page: countsOnly ? 0 : response.page - 1,
    nbPages: countsOnly ? 0 : Math.ceil(window / response.pageSize),
    hitsPerPage,
    processingTimeMS: response.tookMs,
    query: params.query ?? '',
    params: new URLSearchParams(
      Object.entries(params).map(([name, value]): [string, string] => [
        name,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    ).toString(),
    index: request.indexName,
    facets,
    facets_stats: yearStats(response),
    // each facet lists its top values only
    exhaustiveFacetsCount: false,
    exhaustiveNbHits: true,
    didYouMean: response.didYouMean,
    relaxed: response.relaxed,
  };
}

const highlightTags = (pre: unknown, post: unknown): HighlightTags | undefined =>
  typeof pre === 'string' && typeof post === 'string' ? { pre, post } : undefined;

function requestedFacets(facets: string | readonly string[] | undefined): string[] {
  const list = typeof facets === 'string' ? [facets] : (facets ?? []);
  return list.includes('*') ? [...facetAttributes, toggleAttribute] : [...list];
}

function toFacets(
  response: SearchResponse,
  requested: string[],
  maxValues: number | undefined,
): Record<string, Record<string, number>> {
  const facets: Record<string, Record<string, number>> = {};
  for (const name of requested) {
    if (name === toggleAttribute) {
      facets[name] = evidencedCounts(response);
    } else if (name in response.facets) {
      const values = response.facets[name as keyof SearchResponse['facets']];
      facets[name] = Object.fromEntries(
        values.slice(0, maxValues ?? values.length).map((v) => [v.value, v.count]),
      );
    }
  }
  return facets;
}

/**
 * Counts for a toggle on `evidenced`. Every evidence-labeled article has exactly one evidence
 * type, so the evidence-type counts add up to the labeled articles among the results (the
 * API lists up to 20 types, more than the library uses).
 */
function evidencedCounts(response: SearchResponse): Record<string, number> {
  const typed = response.facets.evidenceType;
  const typeSelected = typed.some((v) => v.selected);
  const labeled = typeSelected ? response.total : typed.reduce((sum, v) => sum + v.count, 0);
  const counts: Record<string, number> = {};
  if (labeled > 0) counts.true = labeled;
  if (response.total > labeled) counts.false = response.total - labeled;
  return counts;
}

function yearStats(response: SearchResponse): Record<string, FacetStats> {
  const years = response.facets.year.filter((v) => v.count > 0);
  if (years.length === 0) return {};
  const values = years.map((v) => Number(v.value));
  const weight = years.reduce((sum, v) => sum + v.count, 0);
  const sum = years.reduce((total, v) => total + Number(v.value) * v.count, 0);
  return {
    year: { min: Math.min(...values), max: Math.max(...values), avg: sum / weight, sum },
  };
}

function toHit(hit: SearchHit, tags: HighlightTags | undefined, position: number): AlgoliaHit {
  const snippetHtml =
    hit.highlights.snippets.length > 0
      ? hit.highlights.snippets.join(' … ')
      : escapeHtml(hit.summary);
  const snippet = toHighlightResult(snippetHtml, tags);
  const plain = (value: string): HighlightResult => toHighlightResult(escapeHtml(value), tags);
  return {
    ...hit,
    objectID: hit.id,
    year: Number(hit.publishedAt.slice(0, 4)),
    evidenced: hit.evidence !== null,
    __position: position,
    _highlightResult: {
      title: toHighlightResult(hit.highlights.title, tags),
      summary: snippet,
      category: plain(hit.category),
    },
    _snippetResult: { summary: snippet },
  };
}
