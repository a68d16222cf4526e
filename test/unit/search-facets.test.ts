import { describe, expect, it } from 'vitest';
import { readFacets } from '../../shared/search/facets.js';
import { parseSearchParams, queryValues } from '../../shared/search/search-params.js';

const params = (rawQueryString: string) => parseSearchParams(queryValues({ rawQueryString }));
const values = (...buckets: Array<[string | number, number, string?]>) => ({
  values: {
    buckets: buckets.map(([key, doc_count, display]) => ({
      key,
      doc_count,
      ...(display && { display: { buckets: [{ key: display }] } }),
    })),
  },
});

describe('readFacets', () => {
  it('flags selected values and appends selected ones outside the top with their exact count', () => {
    const facets = readFacets(
      {
        tags: {
          ...values(['cgm', 4], ['children', 2]),
          selected: { buckets: { children: { doc_count: 2 }, 'no-such-tag': { doc_count: 0 } } },
        },
        year: {
          ...values([2025, 3], [2024, 1]),
          selected: { buckets: { '2023': { doc_count: 0 } } },
        },
      },
      params('tags=children,no-such-tag&publishedFrom=2023-01-01&publishedTo=2023-12-31'),
    );
    expect(facets.tags).toEqual([
      { value: 'cgm', count: 4, selected: false },
      { value: 'children', count: 2, selected: true },
      { value: 'no-such-tag', count: 0, selected: true },
    ]);
    expect(facets.year).toEqual([
      { value: '2025', count: 3, selected: false },
      { value: '2024', count: 1, selected: false },
      { value: '2023', count: 0, selected: true },
    ]);
    expect(facets.category).toEqual([]);
  });

  it('counts the years given as `year` and those wholly inside the date range as selected', () => {
    const facets = readFacets(
      { year: values([2025, 3], [2024, 1], [2021, 2]) },
      params('year=2021&publishedFrom=2024-01-01&publishedTo=2024-12-31'),
    );
    expect(facets.year.filter((v) => v.selected).map((v) => v.value)).toEqual(['2024', '2021']);
  });

  it('shows journals in their proper form, looked up when a selected one is not listed', () => {
    const facets = readFacets(
      {
        source: {
          ...values(['diabetes care', 7, 'Diabetes Care']),
          selected: { buckets: { 'diabetes care': { doc_count: 7 }, jama: { doc_count: 0 } } },
        },
        journalNames: {
          selected: {
            keys: {
              buckets: [{ key: 'jama', doc_count: 2, display: { buckets: [{ key: 'JAMA' }] } }],
            },
          },
        },
      },
      params('source=DIABETES%20CARE&source=jama&source=Unknown%20journal'),
    );
    expect(facets.source).toEqual([
      { value: 'Diabetes Care', count: 7, selected: true },
      { value: 'JAMA', count: 0, selected: true },
      { value: 'Unknown Journal', count: 0, selected: true },
    ]);
  });
});
