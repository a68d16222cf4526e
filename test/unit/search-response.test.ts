import { describe, expect, it } from 'vitest';
import { cursorBinding, decodeCursor } from '../../shared/search/cursor.js';
import { markClose, markOpen } from '../../shared/search/highlight.js';
import { parseSearchParams, queryValues } from '../../shared/search/search-params.js';
import { type RawSearchResult, toSearchResponse } from '../../shared/search/search-response.js';

const params = (rawQueryString: string) => parseSearchParams(queryValues({ rawQueryString }));
const source = (id: string) => ({
  id,
  title: `Title <${id}>`,
  summary: 'Summary',
  category: 'Cure Research',
  tags: ['cure'],
  publishedAt: '2025-01-02',
  readTimeMinutes: 3,
  evidence: null,
});
const result = (
  total: number,
  ids: string[],
  extra: Partial<RawSearchResult> = {},
): RawSearchResult => ({
  hits: {
    total: { value: total },
    hits: ids.map((id, i) => ({
      _source: source(id),
      _score: 10 - i,
      sort: [10 - i, 1735776000000, id],
    })),
  },
  ...extra,
});

describe('toSearchResponse', () => {
  it('gives a cursor to the next page while results remain, and none on the last page', () => {
    const first = toSearchResponse(result(5, ['a', 'b']), params('q=cure&pageSize=2'), {
      relaxed: false,
      approximate: false,
      tookMs: 3,
    });
    expect(decodeCursor(first.nextCursor ?? '')).toEqual({
      sort: 'relevance',
      after: [9, 1735776000000, 'b'],
      page: 2,
      binding: cursorBinding(params('q=cure&pageSize=2')),
    });
    const last = toSearchResponse(result(5, ['e']), params('q=cure&pageSize=2&page=3'), {
      relaxed: false,
      approximate: false,
      tookMs: 3,
    });
    expect(last.nextCursor).toBeNull();
  });

  it('escapes titles without highlights and takes up to three snippets, summary first', () => {
    const response = toSearchResponse(
      result(1, ['x'], {
        suggest: {
          didYouMean: [{ text: 'cur', offset: 0, length: 4, options: [{ text: 'cure' }] }],
        },
      }),
      params('q=cur'),
      { relaxed: true, approximate: false, tookMs: 1 },
    );
    expect(response.hits[0]?.highlights.title).toBe('Title &lt;x&gt;');
    const withMarks = toSearchResponse(
      {
        hits: {
          total: 1,
          hits: [
            {
              _source: source('y'),
              _score: 1,
              highlight: {
                body: ['b1', 'b2'],
                summary: [`a ${markOpen}cure${markClose} & more`],
                keyTakeaways: ['k1'],
              },
            },
          ],
        },
      },
      params('q=cure'),
      { relaxed: false, approximate: false, tookMs: 1 },
    );
    expect(withMarks.hits[0]?.highlights.snippets).toEqual([
      'a <mark>cure</mark> &amp; more',
      'k1',
      'b1',
    ]);
    expect(withMarks).toMatchObject({
      total: 1,
      relaxed: false,
      approximate: false,
      didYouMean: null,
    });
  });
});
