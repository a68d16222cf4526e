import { normalizeJournal } from '../articles/journal-name.js';
import type { SearchParams } from './search-params.js';

/** An OpenSearch query clause. */
export type Clause = Record<string, unknown>;

export const facetNames = ['tags', 'category', 'evidenceType', 'source', 'year'] as const;
export type FacetName = (typeof facetNames)[number];

/**
 * One clause per active facet filter. They go to `post_filter`, and each facet's aggregation
 * applies all of them but its own, so a facet counts what selecting one of its values would give
 * (Algolia's disjunctive faceting). Tags in `all` mode are conjunctive: their counts keep the
 * selected tags applied, since selecting another tag narrows the results further.
 */
export function facetFilters(params: SearchParams): Partial<Record<FacetName, Clause>> {
  const filters: Partial<Record<FacetName, Clause>> = {};
  if (params.tags.length > 0) {
    filters.tags =
      params.tagsMode === 'any'
        ? { terms: { tags: params.tags } }
        : { bool: { filter: params.tags.map((tag) => ({ term: { tags: tag } })) } };
  }
  if (params.category.length > 0) filters.category = { terms: { category: params.category } };
  if (params.evidenceType.length > 0) {
    filters.evidenceType = { terms: { 'evidence.type': params.evidenceType } };
  }
  if (params.source.length > 0) {
    filters.source = { terms: { sourceKey: params.source.map((s) => normalizeJournal(s).key) } };
  }
  const dates: Clause[] = [];
  if (params.publishedFrom || params.publishedTo) {
    dates.push({
      range: {
        publishedAt: {
          ...(params.publishedFrom && { gte: params.publishedFrom }),
          ...(params.publishedTo && { lte: params.publishedTo }),
        },
      },
    });
  }
  if (params.year.length > 0) dates.push({ terms: { year: params.year } });
  const [only, ...more] = dates;
  if (only) filters.year = more.length === 0 ? only : { bool: { filter: dates } };
  return filters;
}

/** Filters that narrow every facet alike (they have no facet of their own). */
export function globalFilters(params: SearchParams): Clause[] {
  return params.evidenced === undefined ? [] : [{ term: { evidenced: params.evidenced } }];
}

/** A facet's own filter is left out of its counts, except conjunctive (`all`) tags. */
export function countsOwnFilter(facet: FacetName, params: SearchParams): boolean {
  return facet === 'tags' && params.tagsMode === 'all';
}

/**
 * The years given as `year`, and those lying wholly inside the selected date range, count as
 * selected values of the `year` facet.
 */
export function selectedYears(params: SearchParams): number[] {
  const inRange = yearsInRange(params);
  return [...new Set([...params.year, ...inRange])].sort((a, b) => b - a);
}

function yearsInRange(params: SearchParams): number[] {
  const { publishedFrom: from, publishedTo: to } = params;
  if (!from || !to) return [];
  const first = Number(from.slice(0, 4)) + (from.slice(5) === '01-01' ? 0 : 1);
  const last = Number(to.slice(0, 4)) - (to.slice(5) === '12-31' ? 0 : 1);
  // a wide range is a date filter, not a choice of years
  if (last - first >= maxSelectedYears) return [];
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

const maxSelectedYears = 20;
