import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedArticleId } from '../../scripts/local/fixtures.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import type { HttpEvent } from '../../shared/http.js';
import { createObservability } from '../../shared/observability.js';
import type { SearchResponse } from '../../shared/search/search-response.js';
import { makeSearchRoute } from '../../shared/search/search-route.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { type QueryParams, type SearchStack, startSearchStack } from '../helpers/search-stack.js';

/** A test article; `text` becomes its one section. */
const article = (
  id: string,
  title: string,
  text: string,
  publishedAt = '2024-05-01',
): ArticleInput => ({
  id,
  title,
  summary: text.split('. ')[0] ?? text,
  category: 'Living with T1D',
  tags: ['test-article'],
  publishedAt,
  readTimeMinutes: 2,
  keyTakeaways: [],
  sections: [{ heading: 'In short', body: text }],
  evidence: null,
});

// Extra articles for what the fixtures do not cover: British spelling (an exact match for a word
// the fixtures only have a typo away), the abbreviation alone, a scheduled and a deleted article.
const coeliac = article(
  'coeliac-screening-british-spelling',
  'Coeliac Screening in Children Living With Diabetes',
  'Coeliac disease is checked for regularly in children with diabetes. A simple blood test looks for tissue transglutaminase antibodies.',
);
const abbreviationOnly = article(
  'abbreviation-only-t1d-camp',
  'Summer Camp Tips for Kids With T1D',
  'Camps for kids with T1D plan snacks, activity and overnight checks. Counsellors learn to spot lows early.',
);
const scheduled = article(
  'scheduled-zeppelinology-article',
  'Zeppelinology and Glucose',
  'Zeppelinology is the made-up subject of an article scheduled for the future.',
  '2099-01-01',
);
const deleted = article(
  'deleted-quokkaphobia-article',
  'Quokkaphobia and Glucose',
  'Quokkaphobia is the made-up subject of an article that was deleted.',
);

const textOf = (a: ArticleInput) =>
  [a.title, a.summary, ...a.keyTakeaways, ...a.sections.flatMap((s) => [s.heading, s.body])]
    .join('\n')
    .toLowerCase();

describe('GET /search on the real local stack', () => {
  let api: SearchStack;
  let visible: ArticleInput[];

  const search = (query: QueryParams) => api.get<SearchResponse>('/search', query);
  const ids = async (query: QueryParams) => (await search(query)).body.hits.map((h) => h.id);

  /** Follows `nextCursor` to the end; returns every id served, in order. */
  async function pageThrough(query: QueryParams): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      const res = await search({ ...query, cursor });
      expect(res.status).toBe(200);
      expect(res.body.page).toBe(page);
      seen.push(...res.body.hits.map((h) => h.id));
      if (!res.body.nextCursor) return seen;
      cursor = res.body.nextCursor;
    }
  }

  beforeAll(async () => {
    api = await startSearchStack('search-api', [coeliac, abbreviationOnly, scheduled, deleted]);
    await api.store.delete(deleted.id);
    await api.settle();
    visible = api.articles.filter((a) => a !== scheduled && a !== deleted);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('browsing and paging', () => {
    it('browses every published live article with an empty q, never a deleted or scheduled one', async () => {
      const res = await search({ pageSize: 50 });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(visible.length);
      expect(await ids({ q: 'quokkaphobia' })).toEqual([]);
      expect(await ids({ q: 'zeppelinology' })).toEqual([]);
    });

    it('browses by relevance with evidence-labeled articles first, strongest evidence higher', async () => {
      const hits = (await search({ pageSize: 50 })).body.hits;
      const labeled = hits.map((h) => h.evidence !== null);
      expect(labeled.indexOf(false)).toBeGreaterThan(0);
      expect(labeled.slice(labeled.indexOf(false))).not.toContain(true);
      // a meta-analysis (rank 6) outscores a preclinical study (rank 1) of any age
      const score = (type: string) =>
        Math.min(...hits.filter((h) => h.evidence?.type === type).map((h) => h.score));
      const best = (type: string) =>
        Math.max(...hits.filter((h) => h.evidence?.type === type).map((h) => h.score));
      expect(score('Meta-analysis')).toBeGreaterThan(best('Preclinical study'));
    });

    it('sorts by date, newest or oldest first', async () => {
      const dates = async (sort: string) =>
        (await search({ sort, pageSize: 50 })).body.hits.map((h) => h.publishedAt);
      const newest = await dates('newest');
      expect(newest).toEqual([...newest].sort().reverse());
      const oldest = await dates('oldest');
      expect(oldest).toEqual([...oldest].sort());
    });

    it('visits every matching id exactly once when paging deep with cursor', async () => {
      const all = await pageThrough({ pageSize: 7 });
      expect(all).toHaveLength(visible.length);
      expect(new Set(all)).toEqual(new Set(visible.map((a) => a.id)));

      const matching = visible.filter((a) => textOf(a).includes('insulin')).map((a) => a.id);
      const byDate = await pageThrough({ q: 'insulin', sort: 'newest', pageSize: 4 });
      expect(byDate).toHaveLength(new Set(byDate).size);
      expect(new Set(byDate)).toEqual(new Set(matching));
    });

    it('pages with page and pageSize as far as the result window allows', async () => {
      const first = await ids({ sort: 'oldest', pageSize: 5, page: 1 });
      const second = await ids({ sort: 'oldest', pageSize: 5, page: 2 });
      expect(first).toHaveLength(5);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      const tooDeep = await search({ page: 300, pageSize: 50 });
      expect(tooDeep.status).toBe(400);
    });
  });

  describe('relevance', () => {
    it('finds autoimmunity articles for the typo "autoimunity", and suggests the spelling', async () => {
      const res = await search({ q: 'autoimunity', pageSize: 50 });
      const found = res.body.hits.map((h) => h.id);
      const spelledOut = visible.filter((a) => textOf(a).includes('autoimmunity')).map((a) => a.id);
      expect(found).toEqual(expect.arrayContaining(spelledOut));
      expect(res.body.didYouMean).toBe('autoimmunity');
      expect(res.body.relaxed).toBe(false);
    });

    it('finds both UK and US spellings (coeliac, celiac) first, through the synonym set', async () => {
      // the fixtures say "celiac"; only the extra article says "coeliac"
      for (const q of ['coeliac', 'celiac']) {
        expect(new Set((await ids({ q })).slice(0, 2))).toEqual(
          new Set([coeliac.id, 'celiac-disease-and-type-1-diabetes-shared-genes']),
        );
      }
    });

    it('applies the medical synonyms both ways', async () => {
      const res = await search({ q: 'T1D', pageSize: 50 });
      const spelledOut = visible.filter(
        (a) => textOf(a).includes('type 1 diabetes') && !/\bt1d\b/.test(textOf(a)),
      );
      expect(spelledOut.length).toBeGreaterThan(0);
      expect(await pageThrough({ q: 'T1D', pageSize: 50 })).toEqual(
        expect.arrayContaining(spelledOut.map((a) => a.id)),
      );
      // the reader's own spelling first, then the spelled-out titles, marked
      expect(res.body.hits[0]?.id).toBe(abbreviationOnly.id);
      expect(res.body.hits.map((h) => h.highlights.title)).toContainEqual(
        expect.stringMatching(/<mark>Type( 1 Diabetes)?<\/mark>/),
      );
      expect(await ids({ q: 'type 1 diabetes', pageSize: 50 })).toContain(abbreviationOnly.id);
    });

    it('stems: "exercising" finds the seed article, which only says "exercise"', async () => {
      const seed = visible.find((a) => a.id === seedArticleId) as ArticleInput;
      expect(textOf(seed)).not.toContain('exercising');
      expect(await ids({ q: 'exercising' })).toContain(seedArticleId);
    });

    it('never lets identifiers typo-match each other (GAD65/GAD67, HLA-DR3/DR4)', async () => {
      const gad65 = await ids({ q: 'GAD65' });
      expect(gad65).toContain('gad65-autoantibodies-early-warning-sign');
      expect(gad65).not.toContain('gad67-isoform-islet-autoimmunity-research');
      const gad67 = await ids({ q: 'GAD67' });
      expect(gad67).toContain('gad67-isoform-islet-autoimmunity-research');
      expect(gad67).not.toContain('gad65-autoantibodies-early-warning-sign');
      for (const id of await ids({ q: 'HLA-DR4' })) {
        expect(textOf(visible.find((a) => a.id === id) as ArticleInput)).toContain('dr4');
      }
      expect((await ids({ q: 'IL2RA' }))[0]).toBe('il2ra-regulatory-t-cells-autoimmunity');
    });

    it('shows near spellings, identifiers included, only when no article has any word, and says so', async () => {
      // no article says GAD56: GAD65 is one edit away (a transposition)
      const near = await search({ q: 'gad56' });
      expect(near.body).toMatchObject({ approximate: true, relaxed: false });
      expect(near.body.hits[0]?.id).toBe('gad65-autoantibodies-early-warning-sign');
      // while the reader's spelling exists, identifiers stay exact
      const exact = await search({ q: 'GAD65' });
      expect(exact.body.approximate).toBe(false);
      expect(exact.body.hits.map((h) => h.id)).not.toContain(
        'gad67-isoform-islet-autoimmunity-research',
      );
      // nothing near either: an honest empty page
      expect((await search({ q: 'quokkaphobia' })).body).toMatchObject({
        total: 0,
        approximate: false,
      });
    });

    it('relaxes to any word when too few articles have enough of the words, and says so', async () => {
      const res = await search({ q: 'teplizumab zeppelinology' });
      expect(res.body.relaxed).toBe(true);
      expect(res.body.total).toBeGreaterThan(0);
      for (const hit of res.body.hits) {
        expect([hit.highlights.title, ...hit.highlights.snippets].join(' ')).toMatch(/teplizumab/i);
      }
      // filters that exclude everything are not a reason to relax the words
      const filtered = await search({ q: 'type 1 diabetes', tags: ['no-such-tag'] });
      expect(filtered.body).toMatchObject({ total: 0, relaxed: false });
    });
  });

  describe('safety', () => {
    it('escapes every character of highlights except <mark>, e.g. a title with <script>', async () => {
      const res = await search({ q: 'script' });
      const hit = res.body.hits.find((h) => h.id === 'why-a-script-tag-wont-fix-your-glucose-data');
      expect(hit?.title).toContain('<script>');
      expect(hit?.highlights.title).toBe(
        'Why a &lt;<mark>script</mark>&gt; Tag Won&#39;t Fix Your Glucose Data: The Truth About Diabetes Apps',
      );
      for (const h of res.body.hits) {
        for (const html of [h.highlights.title, ...h.highlights.snippets]) {
          expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
        }
      }
    });

    it('treats any characters in q as text, never as query syntax', async () => {
      for (const q of [
        'title:gad65 OR *',
        '"unbalanced',
        '((( ]]] {{{',
        '\\ / ~ ^ ! : + - && ||',
        '<script>alert(1)</script>',
        'insulin*',
        '🙂 ∑ ß',
      ]) {
        const res = await search({ q });
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
      }
    });

    it('answers queries whose synonyms would multiply past the clause limit (once a 503)', async () => {
      for (const q of [
        't1d cgm csii hla gad mdi',
        'gad gad gad gad gad',
        'insulin pump '.repeat(6),
        'gad65 gad67 hla-dr3 '.repeat(25).slice(0, 500),
      ]) {
        const res = await search({ q });
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
      }
      expect((await ids({ q: 't1d cgm csii hla gad mdi' })).length).toBeGreaterThan(0);
    });
  });

  describe('HTTP contract', () => {
    it('sends Cache-Control with a successful search', async () => {
      const res = await search({ q: 'insulin' });
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    });

    it('rejects bad parameters with problem+json naming each of them', async () => {
      const res = await search({
        pageSize: 51,
        sort: 'best',
        tagsMode: 'some',
        publishedFrom: '2024-02-30',
        evidenced: 'yes',
        cursor: 'not-a-cursor!',
        q: 'x'.repeat(501),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = res.body as unknown as { invalidParams: Array<{ field: string }> };
      expect(new Set(body.invalidParams.map((p) => p.field))).toEqual(
        new Set(['pageSize', 'sort', 'tagsMode', 'publishedFrom', 'evidenced', 'q']),
      );
      const cursor = await search({ cursor: 'not-a-cursor' });
      expect(cursor.status).toBe(400);
      const range = await search({ publishedFrom: '2025-01-01', publishedTo: '2024-01-01' });
      expect(range.body).toMatchObject({ invalidParams: [{ field: 'publishedTo' }] });
    });
  });

  describe('hostile cursors', () => {
    const wire = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('answers forged, malformed and mismatched cursors with 400 naming cursor, never 5xx', async () => {
      const first = await search({ q: 'insulin', pageSize: 2 });
      const issued = first.body.nextCursor as string;
      const real = JSON.parse(Buffer.from(issued, 'base64url').toString('utf8'));
      const forged = [
        // sort values OpenSearch cannot read for this sort (the 503 this replaced)
        wire({ ...real, a: ['x'] }),
        wire({ ...real, a: ['9', 'yesterday', 7] }),
        wire({ ...real, a: [1, 2, 3, 4, 5] }),
        wire({ ...real, s: 'newest' }),
        wire({ ...real, b: undefined }),
        wire({ ...real, p: 'two' }),
        `${issued}x`,
        issued.slice(0, -6),
      ];
      for (const cursor of forged) {
        for (const query of [
          { q: 'insulin', pageSize: 2 },
          { q: 'insulin', pageSize: 2, sort: 'newest' },
        ]) {
          const res = await search({ ...query, cursor });
          expect({ cursor, status: res.status }).toEqual({ cursor, status: 400 });
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          const body = res.body as unknown as { invalidParams: Array<{ field: string }> };
          expect(body.invalidParams.map((p) => p.field)).toEqual(['cursor']);
        }
      }
      // a real cursor with other parameters than the ones that issued it
      for (const other of [
        { q: 'glucose' },
        { tags: 'cure' },
        { pageSize: 3 },
        { sort: 'oldest' },
      ]) {
        const res = await search({ q: 'insulin', pageSize: 2, ...other, cursor: issued });
        expect({ other, status: res.status }).toEqual({ other, status: 400 });
      }
      expect((await search({ q: 'insulin', pageSize: 2, cursor: issued })).status).toBe(200);
    });

    it('pages with a cursor under every sort order', async () => {
      for (const sort of ['relevance', 'newest', 'oldest']) {
        const first = await search({ q: 'insulin', sort, pageSize: 2 });
        const next = await search({
          q: 'insulin',
          sort,
          pageSize: 2,
          cursor: first.body.nextCursor as string,
        });
        expect({ sort, status: next.status, page: next.body.page }).toEqual({
          sort,
          status: 200,
          page: 2,
        });
      }
    });
  });

  it('logs every search, and logs and counts those that find nothing or little', async () => {
    const observability = createObservability('search-test', { metricsNamespace: 'Type1Cure' });
    const info = vi.spyOn(observability.logger, 'info');
    const addMetric = vi.spyOn(observability.metrics, 'addMetric');
    const route = makeSearchRoute({
      search: createSearchService(api.stack.openSearch, { index: api.stack.config.indexAlias }),
      observability,
    });
    const get = (rawQueryString: string) =>
      route(
        { rawQueryString, requestContext: { http: { method: 'GET' } } } as HttpEvent,
        {} as Context,
      );

    await get('q=zeppelinology');
    await get(`q=${encodeURIComponent('baricitinib')}`);
    await get('q=insulin');
    const events = (name: string) =>
      info.mock.calls
        .map(([, fields]) => fields as Record<string, unknown>)
        .filter((fields) => fields.event === name);
    // every search, for the "top queries" and "slow searches" Logs Insights queries
    expect(events('search.query')).toEqual(
      ['zeppelinology', 'baricitinib', 'insulin'].map((q) =>
        expect.objectContaining({
          q,
          page: 1,
          total: expect.any(Number),
          durationMs: expect.any(Number),
        }),
      ),
    );
    expect(events('search.findability')).toEqual([
      expect.objectContaining({
        event: 'search.findability',
        outcome: 'zero',
        q: 'zeppelinology',
        total: 0,
      }),
      expect.objectContaining({ event: 'search.findability', outcome: 'low', q: 'baricitinib' }),
    ]);
    expect(addMetric.mock.calls.map(([name]) => name)).toEqual([
      'ZeroResultSearches',
      'LowResultSearches',
    ]);
  });
});
