import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeJournal } from '../../shared/articles/journal-name.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import type { FacetValue } from '../../shared/search/facets.js';
import type { SearchParams } from '../../shared/search/search-params.js';
import type { SearchResponse } from '../../shared/search/search-response.js';
import { type QueryParams, type SearchStack, startSearchStack } from '../helpers/search-stack.js';

/**
 * A filter combination as the API takes it: the parsed request's filter fields, with `evidenced`
 * and the dates as query-string values (a type alias, so it passes as query parameters).
 */
type Filters = Pick<
  SearchParams,
  'q' | 'tags' | 'tagsMode' | 'category' | 'evidenceType' | 'source'
> & {
  evidenced?: 'true' | 'false';
  year?: string[];
  publishedFrom?: string;
  publishedTo?: string;
};

type FacetName = keyof SearchResponse['facets'];

/** Sizes of the facet lists the API returns (top values by count). */
const facetSizes: Record<FacetName, number> = {
  tags: 30,
  category: 20,
  evidenceType: 20,
  source: 30,
  year: 30,
};

// The oracle: what the API must answer, computed from the articles as written.
const sourceKey = (a: ArticleInput) =>
  a.evidence ? normalizeJournal(a.evidence.source).key : undefined;
const passes: Record<FacetName | 'evidenced', (a: ArticleInput, f: Filters) => boolean> = {
  tags: (a, f) =>
    f.tags.length === 0 ||
    (f.tagsMode === 'all'
      ? f.tags.every((t) => a.tags.includes(t))
      : f.tags.some((t) => a.tags.includes(t))),
  category: (a, f) => f.category.length === 0 || f.category.includes(a.category),
  evidenceType: (a, f) =>
    f.evidenceType.length === 0 || f.evidenceType.includes(a.evidence?.type ?? '\0'),
  source: (a, f) =>
    f.source.length === 0 || f.source.some((s) => normalizeJournal(s).key === sourceKey(a)),
  year: (a, f) =>
    (!f.year?.length || f.year.includes(a.publishedAt.slice(0, 4))) &&
    (!f.publishedFrom || a.publishedAt >= f.publishedFrom) &&
    (!f.publishedTo || a.publishedAt <= f.publishedTo),
  evidenced: (a, f) => f.evidenced === undefined || String(Boolean(a.evidence)) === f.evidenced,
};
const facetOf: Record<FacetName, (a: ArticleInput) => string[]> = {
  tags: (a) => a.tags,
  category: (a) => [a.category],
  evidenceType: (a) => (a.evidence ? [a.evidence.type] : []),
  source: (a) => (a.evidence ? [normalizeJournal(a.evidence.source).key] : []),
  year: (a) => [a.publishedAt.slice(0, 4)],
};
const facetNames = Object.keys(facetSizes) as FacetName[];

function expectedIds(corpus: readonly ArticleInput[], f: Filters): string[] {
  return corpus
    .filter((a) => Object.values(passes).every((pass) => pass(a, f)))
    .map((a) => a.id)
    .sort();
}

/** Disjunctive facet counts: every filter but the facet's own (conjunctive tags keep theirs). */
function expectedFacet(
  corpus: readonly ArticleInput[],
  f: Filters,
  facet: FacetName,
  /** Where journal names are looked up: the whole index. */
  everything = corpus,
): FacetValue[] {
  const keepOwn = facet === 'tags' && f.tagsMode === 'all';
  const base = corpus.filter((a) =>
    Object.entries(passes).every(([name, pass]) => (name === facet && !keepOwn) || pass(a, f)),
  );
  const counts = new Map<string, number>();
  for (const a of base) for (const v of facetOf[facet](a)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const selected = selectedKeys(f, facet);
  const order = (x: [string, number], y: [string, number]) =>
    facet === 'year' ? y[0].localeCompare(x[0]) : y[1] - x[1] || (x[0] < y[0] ? -1 : 1);
  const top = [...counts].sort(order).slice(0, facetSizes[facet]);
  const listed = new Set(top.map(([key]) => key));
  const display = (key: string) => (facet === 'source' ? journalDisplay(everything, key, f) : key);
  return [
    ...top.map(([key, count]) => ({
      value: display(key),
      count,
      selected: selected.includes(key),
    })),
    ...selected
      .filter((key) => !listed.has(key))
      .map((key) => ({ value: display(key), count: counts.get(key) ?? 0, selected: true })),
  ];
}

function selectedKeys(f: Filters, facet: FacetName): string[] {
  if (facet === 'source') return [...new Set(f.source.map((s) => normalizeJournal(s).key))];
  if (facet === 'year') {
    // the years given, and those lying wholly inside a closed date range, newest first
    const { publishedFrom: from, publishedTo: to } = f;
    const years = new Set(f.year ?? []);
    for (let y = Number(from?.slice(0, 4)); from && to && y <= Number(to.slice(0, 4)); y++) {
      if (`${y}-01-01` >= from && `${y}-12-31` <= to) years.add(String(y));
    }
    return [...years].sort().reverse();
  }
  return facet === 'tags' ? f.tags : f[facet];
}

/** The spelling editors used most for a journal (ties: the first in sort order), else normalised. */
function journalDisplay(corpus: readonly ArticleInput[], key: string, f: Filters): string {
  const spellings = new Map<string, number>();
  for (const a of corpus) {
    if (a.evidence && sourceKey(a) === key) {
      const display = normalizeJournal(a.evidence.source).display;
      spellings.set(display, (spellings.get(display) ?? 0) + 1);
    }
  }
  const best = [...spellings].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0];
  const given = f.source.find((s) => normalizeJournal(s).key === key);
  return best ?? normalizeJournal(given ?? key).display;
}

describe('GET /search filters and facets, checked against the fixture corpus', () => {
  let api: SearchStack;
  let corpus: ArticleInput[];
  /** Ids each text query matches with no filter: the base the oracle filters further. */
  const textMatches = new Map<string, Set<string>>();
  const queries = ['', 'diabetes', 'insulin pump', 'beta cells'];

  const search = (f: QueryParams) => api.get<SearchResponse>('/search', { pageSize: 50, ...f });

  async function allIds(f: QueryParams): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ ...f, cursor });
      expect(res.status).toBe(200);
      ids.push(...res.body.hits.map((h) => h.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  beforeAll(async () => {
    api = await startSearchStack('search-filters');
    corpus = api.articles;
    for (const q of queries) textMatches.set(q, new Set(await allIds({ q })));
  });

  afterAll(async () => {
    await api?.close();
  });

  const tagsOf = () => [...new Set(corpus.flatMap((a) => a.tags))].sort();
  const valuesOf = (pick: (a: ArticleInput) => string | undefined) =>
    [...new Set(corpus.map(pick).filter((v): v is string => v !== undefined))].sort();
  const filters = (f: Partial<Filters>): Filters => ({
    q: '',
    tags: [],
    tagsMode: 'all',
    category: [],
    evidenceType: [],
    source: [],
    ...f,
  });
  const expectFilter = async (f: Partial<Filters>) => {
    const full = filters(f);
    const expected = expectedIds(corpus, full);
    expect(expected.length).toBeGreaterThan(0);
    expect((await allIds(full)).sort()).toEqual(expected);
  };

  it('browses the whole corpus with no text and no filter', async () => {
    expect(textMatches.get('')?.size).toBe(corpus.length);
  });

  it('filters by tags, all of them by default or any of them', async () => {
    await expectFilter({ tags: ['autoimmunity'] });
    await expectFilter({ tags: ['autoimmunity', 'children'] });
    await expectFilter({ tags: ['autoimmunity', 'children'], tagsMode: 'any' });
    // comma-separated, as a link would carry them
    const res = await search({ tags: 'autoimmunity,children', tagsMode: 'any' });
    expect(res.body.total).toBe(
      expectedIds(corpus, filters({ tags: ['autoimmunity', 'children'], tagsMode: 'any' })).length,
    );
  });

  it('filters by category, evidence type, journal, evidence label, year and date range', async () => {
    await expectFilter({ category: ['Cure Research'] });
    await expectFilter({ category: ['Cure Research', 'Pregnancy'] });
    await expectFilter({ evidenceType: ['Meta-analysis'] });
    await expectFilter({ evidenceType: ['Meta-analysis', 'Randomized controlled trial'] });
    await expectFilter({ source: ['New England Journal of Medicine'] });
    await expectFilter({ evidenced: 'true' });
    await expectFilter({ evidenced: 'false' });
    await expectFilter({ publishedFrom: '2022-01-01', publishedTo: '2023-06-30' });
    await expectFilter({ publishedFrom: '2025-01-01' });
    await expectFilter({ publishedTo: '2020-12-31' });
    await expectFilter({ year: ['2023'] });
    await expectFilter({ year: ['2021', '2024'] });
    await expectFilter({ year: ['2024'], publishedFrom: '2024-06-01' });
  });

  it('treats journal names case-insensitively and shows one value in its proper form', async () => {
    const spelled = corpus.filter((a) => a.evidence?.source.toLowerCase() === 'diabetes care');
    expect(new Set(spelled.map((a) => a.evidence?.source)).size).toBeGreaterThan(1);
    const res = await search({ source: 'DIABETES CARE' });
    expect(res.body.hits.map((h) => h.id).sort()).toEqual(spelled.map((a) => a.id).sort());
    const values = res.body.facets.source.filter((v) => v.value.toLowerCase() === 'diabetes care');
    expect(values).toEqual([{ value: 'Diabetes Care', count: spelled.length, selected: true }]);
  });

  it('answers an unknown tag with no results, not an error, and keeps it selected', async () => {
    const res = await search({ tags: ['no-such-tag'] });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect(res.body.facets.tags).toContainEqual({ value: 'no-such-tag', count: 0, selected: true });
  });

  it('counts facets disjunctively for any combination of filters (property)', async () => {
    const tags = tagsOf();
    const categories = valuesOf((a) => a.category);
    const types = valuesOf((a) => a.evidence?.type);
    const sources = valuesOf((a) => a.evidence?.source);
    const date = (year: number, end: boolean) => `${year}-${end ? '12-31' : '01-01'}`;
    const filterArb = fc.record({
      q: fc.constantFrom(...queries),
      tags: fc.subarray([...tags, 'no-such-tag'], { maxLength: 3 }),
      tagsMode: fc.constantFrom('all' as const, 'any' as const),
      category: fc.subarray(categories, { maxLength: 2 }),
      evidenceType: fc.subarray(types, { maxLength: 2 }),
      source: fc
        .subarray(sources, { maxLength: 2 })
        .chain((picked) =>
          fc.tuple(...picked.map((s) => fc.constantFrom(s, s.toUpperCase(), s.toLowerCase()))),
        ),
      evidenced: fc.constantFrom(undefined, 'true' as const, 'false' as const),
      year: fc.subarray(['2020', '2022', '2023', '2025'], { maxLength: 2 }),
      range: fc.option(
        fc.tuple(
          fc.integer({ min: 2019, max: 2026 }),
          fc.integer({ min: 0, max: 3 }),
          fc.boolean(),
        ),
      ),
    });
    await fc.assert(
      fc.asyncProperty(filterArb, async ({ range, ...rest }) => {
        const f: Filters = {
          ...rest,
          ...(range && {
            publishedFrom: date(range[0], false),
            // a whole number of years, or a range ending mid-year (no year counts as selected)
            publishedTo: range[2]
              ? date(range[0] + range[1], true)
              : `${range[0] + range[1]}-06-30`,
          }),
        };
        const base = textMatches.get(f.q) ?? new Set();
        const pool = corpus.filter((a) => base.has(a.id));
        const res = await search({ ...f, pageSize: 1 });
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(expectedIds(pool, f).length);
        for (const facet of facetNames) {
          expect({ facet, values: res.body.facets[facet] }).toEqual({
            facet,
            values: expectedFacet(pool, f, facet, corpus),
          });
        }
      }),
      { numRuns: 60, seed: 20_261_125 },
    );
  });
});
