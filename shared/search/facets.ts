import { normalizeJournal } from '../articles/journal-name.js';
import {
  type Clause,
  countsOwnFilter,
  type FacetName,
  facetFilters,
  facetNames,
  selectedYears,
} from './search-filters.js';
import type { SearchParams } from './search-params.js';

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export type Facets = Record<FacetName, FacetValue[]>;

/** Index field and number of values shown per facet. */
const facetFields: Record<FacetName, { field: string; size: number }> = {
  tags: { field: 'tags', size: 30 },
  category: { field: 'category', size: 20 },
  evidenceType: { field: 'evidence.type', size: 20 },
  source: { field: 'sourceKey', size: 30 },
  year: { field: 'year', size: 30 },
};

/** The index values a request selected in one facet (journal keys for `source`). */
function selectedKeys(facet: FacetName, params: SearchParams): string[] {
  switch (facet) {
    case 'source':
      return params.source.map((s) => normalizeJournal(s).key);
    case 'year':
      return selectedYears(params).map(String);
    default:
      return params[facet];
  }
}

/**
 * One filtered aggregation per facet: the top values under every other facet's filter, plus the
 * exact count of each selected value, so a selected value shows even when outside the top. A
 * selected journal that matches nothing here still shows in its proper form, looked up over the
 * whole index (`journalNames`).
 */
export function facetAggregations(params: SearchParams): Record<string, Clause> {
  const journals = selectedKeys('source', params);
  return {
    ...perFacetAggregations(params),
    ...(journals.length > 0 && {
      journalNames: {
        global: {},
        aggs: {
          selected: {
            filter: { terms: { sourceKey: journals } },
            aggs: {
              keys: {
                terms: { field: 'sourceKey', size: journals.length },
                aggs: { display: { terms: { field: 'sourceDisplay', size: 1 } } },
              },
            },
          },
        },
      },
    }),
  };
}

function perFacetAggregations(params: SearchParams): Record<FacetName, Clause> {
  const filters = facetFilters(params);
  return Object.fromEntries(
    facetNames.map((facet) => {
      const applied = Object.entries(filters)
        .filter(([name]) => name !== facet || countsOwnFilter(facet, params))
        .map(([, clause]) => clause);
      const { field, size } = facetFields[facet];
      const selected = selectedKeys(facet, params);
      const aggregation = {
        filter: applied.length > 0 ? { bool: { filter: applied } } : { match_all: {} },
        aggs: {
          values: {
            terms: { field, size, ...(facet === 'year' && { order: { _key: 'desc' } }) },
            // the journal as editors best spelled it, for display
            ...(facet === 'source' && {
              aggs: { display: { terms: { field: 'sourceDisplay', size: 1 } } },
            }),
          },
          ...(selected.length > 0 && {
            selected: {
              filters: {
                filters: Object.fromEntries(
                  selected.map((key) => [key, { term: { [field]: key } }]),
                ),
              },
            },
          }),
        },
      };
      return [facet, aggregation];
    }),
  ) as unknown as Record<FacetName, Clause>;
}

interface Bucket {
  key: string | number;
  doc_count: number;
  display?: { buckets: Array<{ key: string }> };
}

interface FacetAggregation {
  values: { buckets: Bucket[] };
  selected?: { buckets: Record<string, { doc_count: number }> };
}

export type FacetAggregations = Partial<Record<FacetName, FacetAggregation>> & {
  journalNames?: { selected: { keys: { buckets: Bucket[] } } };
};

/** Facet values from the aggregations `facetAggregations` asked for. */
export function readFacets(
  aggregations: FacetAggregations | undefined,
  params: SearchParams,
): Facets {
  const journalNames = new Map(
    (aggregations?.journalNames?.selected.keys.buckets ?? []).map((b) => [
      String(b.key),
      b.display?.buckets[0]?.key,
    ]),
  );
  const displayOf = (facet: FacetName, key: string) => {
    if (facet !== 'source') return key;
    const given = params.source.find((s) => normalizeJournal(s).key === key);
    return journalNames.get(key) ?? normalizeJournal(given ?? key).display;
  };
  return Object.fromEntries(
    facetNames.map((facet) => {
      const aggregation = aggregations?.[facet];
      const selected = new Set(selectedKeys(facet, params));
      const seen = new Set<string>();
      const values: FacetValue[] = (aggregation?.values.buckets ?? []).map((bucket) => {
        const key = String(bucket.key);
        seen.add(key);
        return {
          value: bucket.display?.buckets[0]?.key ?? displayOf(facet, key),
          count: bucket.doc_count,
          selected: selected.has(key),
        };
      });
      for (const key of selected) {
        if (seen.has(key)) continue;
        const count = aggregation?.selected?.buckets[key]?.doc_count ?? 0;
        values.push({ value: displayOf(facet, key), count, selected: true });
      }
      return [facet, values];
    }),
  ) as Facets;
}
