/**
 * The parts of Algolia's search API that InstantSearch.js v4 and React InstantSearch v7 send to
 * a search client and read back. Declared here (not imported) so the adapter has no runtime or
 * type dependency on InstantSearch; the demo's use of it is type-checked against InstantSearch.
 */

/** Filters as Algolia nests them: `attr:value`; an inner array is an OR group. */
export type FilterList = string | ReadonlyArray<FilterList>;

export interface AlgoliaSearchParams {
  query?: string;
  page?: number;
  hitsPerPage?: number;
  facets?: string | readonly string[];
  facetFilters?: FilterList;
  numericFilters?: FilterList;
  highlightPreTag?: string;
  highlightPostTag?: string;
  maxValuesPerFacet?: number;
  [name: string]: unknown;
}

export interface AlgoliaRequest {
  indexName: string;
  params?: AlgoliaSearchParams;
}

export interface HighlightResult {
  value: string;
  matchLevel: 'none' | 'partial' | 'full';
  matchedWords: string[];
  fullyHighlighted?: boolean;
}

export interface AlgoliaHit {
  objectID: string;
  _highlightResult: Record<string, HighlightResult>;
  _snippetResult: Record<string, HighlightResult>;
  __position: number;
  [attribute: string]: unknown;
}

export interface FacetStats {
  min: number;
  max: number;
  avg: number;
  sum: number;
}

export interface AlgoliaResult {
  hits: AlgoliaHit[];
  nbHits: number;
  page: number;
  nbPages: number;
  hitsPerPage: number;
  processingTimeMS: number;
  query: string;
  params: string;
  index: string;
  facets: Record<string, Record<string, number>>;
  facets_stats: Record<string, FacetStats>;
  exhaustiveFacetsCount: boolean;
  exhaustiveNbHits: boolean;
  /** Not Algolia's: the query with unknown words corrected, if any were (the API's didYouMean). */
  didYouMean: string | null;
  /** Not Algolia's: true when the API relaxed the query to any of its words. */
  relaxed: boolean;
}
