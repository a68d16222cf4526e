import type { FacetName, SearchQuery } from '../api/client.js';
import type { AlgoliaRequest, AlgoliaSearchParams, FilterList } from './algolia-types.js';

/** API page size ceiling and the deepest position `page` reaches (see GET /search). */
export const maxPageSize = 50;
export const maxResultWindow = 10_000;

/** Attributes InstantSearch widgets may facet or filter on. */
export const facetAttributes = [
  'tags',
  'category',
  'evidenceType',
  'source',
  'year',
] as const satisfies readonly FacetName[];
type FacetAttribute = (typeof facetAttributes)[number];
/** Filterable without a facet of its own (a toggleRefinement on `evidenced`). */
export const toggleAttribute = 'evidenced';

/**
 * Index names stand for sort orders, as Algolia's replicas do: `<index>` ranks by relevance,
 * `<index>_newest` and `<index>_oldest` by publication date (for the sortBy widget).
 */
export function sortOf(indexName: string): NonNullable<SearchQuery['sort']> {
  if (indexName.endsWith('_newest')) return 'newest';
  if (indexName.endsWith('_oldest')) return 'oldest';
  return 'relevance';
}

/** Parameters that change nothing here: analytics, and per-request field lists for highlights. */
const noEffect = new Set([
  'analytics',
  'clickAnalytics',
  'analyticsTags',
  'userToken',
  'getRankingInfo',
  'attributesToRetrieve',
  'attributesToHighlight',
  'attributesToSnippet',
  'snippetEllipsisText',
  'responseFields',
  'enableABTest',
]);
const handled = new Set([
  'query',
  'page',
  'hitsPerPage',
  'facets',
  'facetFilters',
  'numericFilters',
  'highlightPreTag',
  'highlightPostTag',
  'maxValuesPerFacet',
  'tagFilters',
]);

export interface ApiRequest {
  query: SearchQuery;
  /** What the adapter could not honour, each as a short sentence (reported once). */
  unsupported: string[];
}

/** One InstantSearch request as `GET /search` parameters. Pure; page numbers become 1-based. */
export function toApiQuery(request: AlgoliaRequest): ApiRequest {
  const params: AlgoliaSearchParams = request.params ?? {};
  const unsupported: string[] = [];
  const query: SearchQuery = {};
  if (params.query) query.q = params.query;
  const sort = sortOf(request.indexName);
  if (sort !== 'relevance') query.sort = sort;

  const hitsPerPage = params.hitsPerPage ?? 20;
  const pageSize = Math.min(Math.max(hitsPerPage, 1), maxPageSize);
  if (hitsPerPage > maxPageSize) unsupported.push(`hitsPerPage above ${maxPageSize}`);
  const page = (params.page ?? 0) + 1;
  if (page > 1) query.page = Math.min(page, Math.floor(maxResultWindow / pageSize));
  if (pageSize !== 10) query.pageSize = pageSize;

  addFacetFilters(query, params.facetFilters, unsupported);
  addNumericFilters(query, params.numericFilters, unsupported);

  for (const name of Object.keys(params)) {
    if (handled.has(name) || noEffect.has(name)) continue;
    unsupported.push(`parameter ${name}`);
  }
  if (nonEmpty(params.tagFilters)) unsupported.push('parameter tagFilters');
  const facets = typeof params.facets === 'string' ? [params.facets] : (params.facets ?? []);
  for (const facet of facets) {
    if (facet !== '*' && !isFacetAttribute(facet) && facet !== toggleAttribute) {
      unsupported.push(`facet ${facet}`);
    }
  }
  return { query, unsupported };
}

const flatten = (filters: FilterList): string[] =>
  typeof filters === 'string' ? [filters] : filters.flatMap(flatten);

const nonEmpty = (value: unknown) =>
  value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

const isFacetAttribute = (name: string): name is FacetAttribute =>
  (facetAttributes as readonly string[]).includes(name);

/** `attr:value` (the value may itself contain ':'); a leading '-' negates, which we cannot do. */
function splitFilter(filter: string): { attribute: string; value: string; negated: boolean } {
  const colon = filter.indexOf(':');
  const attribute = colon < 0 ? filter : filter.slice(0, colon);
  const raw = colon < 0 ? '' : filter.slice(colon + 1);
  const negated = attribute.startsWith('-') || raw.startsWith('-');
  return {
    attribute: attribute.replace(/^-/, ''),
    value: raw.replace(/^-/, '').replace(/^"(.*)"$/, '$1'),
    negated,
  };
}

function addFacetFilters(
  query: SearchQuery,
  facetFilters: AlgoliaSearchParams['facetFilters'],
  unsupported: string[],
): void {
  if (facetFilters === undefined || facetFilters === '') return;
  const groups: readonly FilterList[] =
    typeof facetFilters === 'string' ? [facetFilters] : facetFilters;
  const values: Partial<Record<FacetAttribute, string[]>> = {};
  let tagGroups = 0;
  let tagOrGroup = false;
  for (const group of groups) {
    const members = flatten(group);
    for (const member of members) {
      const { attribute, value, negated } = splitFilter(member);
      if (negated) {
        unsupported.push(`negated filter ${attribute}`);
      } else if (attribute === toggleAttribute) {
        if (value === 'true' || value === 'false') query.evidenced = value;
        else unsupported.push(`evidenced value ${value}`);
      } else if (isFacetAttribute(attribute)) {
        values[attribute] = [...(values[attribute] ?? []), value];
      } else {
        unsupported.push(`filter on ${attribute}`);
      }
    }
    if (members.some((member) => splitFilter(member).attribute === 'tags')) {
      tagGroups += 1;
      if (members.length > 1) tagOrGroup = true;
    }
  }
  // Tags are conjunctive (every tag) unless given as one OR group (a disjunctive refinementList).
  if (tagOrGroup) {
    query.tagsMode = 'any';
    if (tagGroups > 1) unsupported.push('tags in both AND and OR groups');
  }
  if (values.tags) query.tags = values.tags;
  if (values.category) query.category = values.category;
  if (values.evidenceType) query.evidenceType = values.evidenceType;
  if (values.source) query.source = values.source;
  if (values.year) {
    const years = values.year.map(Number);
    if (years.every((year) => Number.isInteger(year))) query.year = years;
    else unsupported.push('year values that are not years');
  }
}

/** `year>=2020`, `year<=2023` (rangeInput / rangeSlider) as a publication date range. */
function addNumericFilters(
  query: SearchQuery,
  numericFilters: AlgoliaSearchParams['numericFilters'],
  unsupported: string[],
): void {
  if (numericFilters === undefined || numericFilters === '') return;
  for (const filter of flatten(numericFilters)) {
    const match = /^\s*year\s*(>=|<=|=|>|<)\s*(\d{4})\s*$/.exec(filter);
    if (!match) {
      unsupported.push(`numeric filter ${filter}`);
      continue;
    }
    const [, operator, digits] = match;
    const year = Number(digits);
    if (operator === '=') {
      query.year = [...(query.year ?? []), year];
      continue;
    }
    const from = operator === '>=' ? year : operator === '>' ? year + 1 : undefined;
    const to = operator === '<=' ? year : operator === '<' ? year - 1 : undefined;
    if (from !== undefined) query.publishedFrom = `${from}-01-01`;
    if (to !== undefined) query.publishedTo = `${to}-12-31`;
  }
}
