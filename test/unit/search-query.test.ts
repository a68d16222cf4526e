import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSearchParams, queryValues } from '../../shared/search/search-params.js';
import {
  buildSearchQuery,
  withRelevanceSortValues,
  wordMatchCount,
} from '../../shared/search/search-query.js';

const now = new Date('2026-03-15T10:00:00Z');
const params = (rawQueryString: string) => parseSearchParams(queryValues({ rawQueryString }));
const build = (rawQueryString: string, fallback?: 'relaxed' | 'approximate') =>
  buildSearchQuery(params(rawQueryString), { now, fallback });

/** Every object in `value` that has key `key`, depth first. */
function clausesWith(value: unknown, key: string): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap((v) => clausesWith(v, key));
  if (value === null || typeof value !== 'object') return [];
  const own = key in value ? [value as Record<string, unknown>] : [];
  return [...own, ...Object.values(value).flatMap((v) => clausesWith(v, key))];
}

describe('buildSearchQuery', () => {
  it('builds the text query: matching in filter context, scoring in should, recency × score', () => {
    expect(build('q=insulin%20pump').query).toMatchInlineSnapshot(`
      {
        "function_score": {
          "boost_mode": "multiply",
          "functions": [
            {
              "weight": 1,
            },
            {
              "field_value_factor": {
                "factor": 0.008333333333333333,
                "field": "evidenceRank",
                "missing": 0,
              },
            },
            {
              "exp": {
                "publishedAt": {
                  "decay": 0.5,
                  "offset": "30d",
                  "origin": "2026-03-15",
                  "scale": "730d",
                },
              },
              "weight": 0.1,
            },
          ],
          "query": {
            "bool": {
              "filter": [
                {
                  "term": {
                    "deleted": false,
                  },
                },
                {
                  "range": {
                    "publishedAt": {
                      "lte": "2026-03-15",
                    },
                  },
                },
                {
                  "bool": {
                    "minimum_should_match": 1,
                    "should": [
                      {
                        "match": {
                          "content": {
                            "minimum_should_match": "3<-1 5<1",
                            "query": "insulin pump",
                          },
                        },
                      },
                      {
                        "bool": {
                          "minimum_should_match": "3<-1 5<1",
                          "should": [
                            {
                              "bool": {
                                "minimum_should_match": 1,
                                "should": [
                                  {
                                    "match": {
                                      "content": {
                                        "operator": "and",
                                        "query": "insulin",
                                      },
                                    },
                                  },
                                  {
                                    "match": {
                                      "content": {
                                        "fuzziness": 1,
                                        "max_expansions": 30,
                                        "prefix_length": 1,
                                        "query": "insulin",
                                      },
                                    },
                                  },
                                  {
                                    "match": {
                                      "content.exact": {
                                        "fuzziness": 1,
                                        "max_expansions": 30,
                                        "prefix_length": 1,
                                        "query": "insulin",
                                      },
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              "match": {
                                "content": {
                                  "operator": "and",
                                  "query": "pump",
                                },
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
              "should": [
                {
                  "match": {
                    "content": {
                      "boost": 1,
                      "query": "insulin pump",
                    },
                  },
                },
                {
                  "multi_match": {
                    "fields": [
                      "title^0.3",
                      "keyTakeaways^0.2",
                      "summary^0.1",
                      "body^0.05",
                      "category.text^0.2",
                      "tags.text^0.2",
                    ],
                    "query": "insulin pump",
                    "tie_breaker": 0,
                    "type": "best_fields",
                  },
                },
                {
                  "match": {
                    "content.pairs": {
                      "boost": 0.1,
                      "query": "insulin pump",
                    },
                  },
                },
                {
                  "match_phrase": {
                    "title": {
                      "boost": 1,
                      "query": "insulin pump",
                      "slop": 2,
                    },
                  },
                },
                {
                  "match": {
                    "content.exact": {
                      "boost": 0.1,
                      "query": "insulin pump",
                    },
                  },
                },
                {
                  "dis_max": {
                    "boost": 0.2,
                    "queries": [
                      {
                        "multi_match": {
                          "fields": [
                            "content^1",
                            "title^0.3",
                            "keyTakeaways^0.2",
                            "summary^0.1",
                            "body^0.05",
                            "category.text^0.2",
                            "tags.text^0.2",
                          ],
                          "fuzziness": 1,
                          "max_expansions": 30,
                          "prefix_length": 1,
                          "query": "insulin",
                          "type": "most_fields",
                        },
                      },
                      {
                        "match": {
                          "content.exact": {
                            "boost": 1,
                            "fuzziness": 1,
                            "max_expansions": 30,
                            "prefix_length": 1,
                            "query": "insulin",
                          },
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          "score_mode": "sum",
        },
      }
    `);
  });

  it('puts facet filters in post_filter and counts each facet without its own filter', () => {
    const body = build('tags=cgm&tags=children&tagsMode=any&category=Pregnancy&source=JAMA');
    expect(body.post_filter).toEqual({
      bool: {
        filter: [
          { terms: { tags: ['cgm', 'children'] } },
          { terms: { category: ['Pregnancy'] } },
          { terms: { sourceKey: ['jama'] } },
        ],
      },
    });
    const aggs = body.aggs as Record<string, { filter: unknown }>;
    expect(aggs.tags?.filter).toEqual({
      bool: {
        filter: [{ terms: { category: ['Pregnancy'] } }, { terms: { sourceKey: ['jama'] } }],
      },
    });
    expect(aggs.year?.filter).toEqual({
      bool: {
        filter: [
          { terms: { tags: ['cgm', 'children'] } },
          { terms: { category: ['Pregnancy'] } },
          { terms: { sourceKey: ['jama'] } },
        ],
      },
    });
    // conjunctive tags narrow their own counts
    const all = build('tags=cgm&tags=children').aggs as Record<string, { filter: unknown }>;
    expect(all.tags?.filter).toEqual({
      bool: {
        filter: [{ bool: { filter: [{ term: { tags: 'cgm' } }, { term: { tags: 'children' } }] } }],
      },
    });
  });

  it('always shows only live, published articles', () => {
    const filter = (
      build('evidenced=true').query.function_score.query.bool.filter as unknown[]
    ).slice(0, 3);
    expect(filter).toEqual([
      { term: { deleted: false } },
      { range: { publishedAt: { lte: '2026-03-15' } } },
      { term: { evidenced: true } },
    ]);
  });

  it('never typo-matches identifiers such as GAD65, HLA-DR3 or IL2RA', () => {
    for (const q of ['GAD65', 'HLA-DR3', 'IL2RA', 'gad65 hla-dr4 il2ra']) {
      expect(clausesWith(build(`q=${encodeURIComponent(q)}`), 'fuzziness')).toEqual([]);
    }
    const fuzzy = clausesWith(build('q=autoimunity%20GAD65'), 'fuzziness');
    expect(fuzzy.length).toBeGreaterThan(0);
    expect(fuzzy.every((c) => c.query === 'autoimunity')).toBe(true);
  });

  it('lets a corrected word match, score field by field and show only in keyword queries', () => {
    const five = 'q=autoimunity%20insulin%20pumps%20children%20outcomes';
    const six = `${five}%20adolescents`;
    const typoFields = (rawQueryString: string, fallback?: 'approximate') =>
      clausesWith(build(rawQueryString, fallback), 'dis_max').map(
        (c) =>
          (c.dis_max as { queries: Array<{ multi_match?: { fields: string[] } }> }).queries[0]
            ?.multi_match?.fields,
      );
    expect(typoFields(five)[0]).toContain('title^0.3');
    expect(new Set(typoFields(six).map(String))).toEqual(new Set(['content^1']));
    expect(typoFields(six, 'approximate')[0]).toContain('title^0.3');
    const matching = (q: string) => build(q).query.function_score.query.bool.filter;
    // up to five words every long word also matches with a typo (two alternatives each) ...
    expect(clausesWith(matching(five), 'fuzziness')).toHaveLength(10);
    expect(clausesWith(build(five).highlight, 'fuzziness')).toHaveLength(5);
    // ... in a sentence, any word matches as written and corrected words only score
    expect(clausesWith(matching(six), 'fuzziness')).toEqual([]);
    expect(clausesWith(build(six).highlight, 'fuzziness')).toEqual([]);
    expect(clausesWith(build(six), 'fuzziness').length).toBeGreaterThan(0);
  });

  it('corrects two edits on the first pass only in the longest words, in the fallbacks from 8', () => {
    const edits = (word: string, fallback?: 'relaxed' | 'approximate') =>
      new Set(
        clausesWith(build(`q=${word}%20pumps`, fallback), 'fuzziness')
          .filter((c) => c.query === word)
          .map((c) => c.fuzziness),
      );
    expect(edits('diabetis')).toEqual(new Set([1]));
    expect(edits('diabetis', 'relaxed')).toEqual(new Set([2]));
    expect(edits('diabetis', 'approximate')).toEqual(new Set([2]));
    expect(edits('autoimunity')).toEqual(new Set([2]));
  });

  it('ranks a question or pasted sentence in two phases while its page ends inside the window', () => {
    const sentence = 'q=do%20islet%20autoantibodies%20predict%20diabetes%20in%20young%20children';
    const body = build(sentence);
    const [content, ...others] = (clausesWith(body.query, 'should')[0]?.should ?? []) as unknown[];
    expect(content).toEqual({ match: { content: { query: expect.any(String), boost: 1 } } });
    expect(others).toEqual([]);
    expect(body).not.toHaveProperty('sort');
    expect(body).toMatchObject({ from: 0, rescore: { window_size: 200 } });
    expect(build(`${sentence}&page=4&pageSize=50`)).toMatchObject({ from: 150 });
    // past the window, in date order and for keywords: one phase, sorted
    for (const one of [`${sentence}&page=5&pageSize=50`, `${sentence}&sort=newest`, 'q=islet']) {
      expect(build(one)).not.toHaveProperty('rescore');
      expect(build(one)).toHaveProperty('sort');
    }
  });

  it('gives a re-scored page the sort values its cursor needs', () => {
    const hit = (id: string, score: number, sort?: Array<string | number>) => ({
      _source: { id, publishedAt: '2026-02-01' } as never,
      _score: score,
      ...(sort && { sort }),
    });
    const result = { hits: { total: 2, hits: [hit('a', 3.5), hit('b', 2, [2, 0, 'b'])] } };
    expect(withRelevanceSortValues(result).hits.hits.map((h) => h.sort)).toEqual([
      [3.5, Date.UTC(2026, 1, 1), 'a'],
      [2, 0, 'b'],
    ]);
  });

  it('counts the articles matching the words apart from the hits only when filters apply', () => {
    expect(build('q=insulin%20pumps').aggs).not.toHaveProperty('textMatches');
    expect(build('q=insulin%20pumps&tags=cgm').aggs).toHaveProperty('textMatches');
    expect(build('q=insulin%20pumps&evidenced=true').aggs).toHaveProperty('textMatches');
    expect(build('tags=cgm').aggs).not.toHaveProperty('textMatches');
  });

  it('reads how many articles match the words from the count, or the total when unfiltered', () => {
    const answer = (total: number, counted?: number) => ({
      hits: { total: { value: total }, hits: [] },
      ...(counted !== undefined && {
        aggregations: { textMatches: { matched: { doc_count: counted } } },
      }),
    });
    expect(wordMatchCount(params('q=insulin%20pumps'), answer(4))).toBe(4);
    expect(wordMatchCount(params('q=insulin%20pumps&tags=cgm'), answer(1, 7))).toBe(7);
    expect(wordMatchCount(params('q=insulin%20pumps&tags=cgm'), answer(1))).toBeUndefined();
    expect(wordMatchCount(params('sort=newest'), answer(40))).toBeUndefined();
    expect(wordMatchCount(params('q=the'), answer(0))).toBeUndefined();
  });

  it('also looks an identifier up as two joined words ("hladr4" is HLA-DR4), scored like one', () => {
    const joined = clausesWith(build('q=hladr4%20risk').query, 'content.joined');
    expect(joined).toHaveLength(2); // one to match, one to score
    expect(clausesWith(build('q=hla%20risk'), 'content.joined')).toEqual([]);
  });

  it('relaxes to any one word for the zero-results fallback', () => {
    const strict = clausesWith(build('q=teplizumab%20zebrafish').query, 'minimum_should_match');
    const relaxed = clausesWith(
      build('q=teplizumab%20zebrafish', 'relaxed').query,
      'minimum_should_match',
    );
    expect(strict.map((c) => c.minimum_should_match)).toContain('3<-1 5<1');
    expect(relaxed.map((c) => c.minimum_should_match)).not.toContain('3<-1 5<1');
    expect(build('q=teplizumab', 'relaxed').aggs).not.toHaveProperty('textMatches');
  });

  it('accepts near spellings of identifiers and short words only as the last fallback', () => {
    const near = clausesWith(build('q=gad56%20dka', 'approximate').query, 'fuzziness');
    expect(new Set(near.map((c) => c.query))).toEqual(new Set(['gad56', 'dka']));
    expect(clausesWith(build('q=gad56%20dka').query, 'fuzziness')).toEqual([]);
    expect(build('q=gad56', 'approximate').aggs).not.toHaveProperty('textMatches');
  });

  it('browses with an empty q: no text clauses, highlights or suggestions', () => {
    const body = build('sort=newest&page=3&pageSize=20');
    const [browse] = body.query.function_score.query.bool.must as Array<Record<string, unknown>>;
    // every article, labeled ones first by evidence rank (see search-query.ts)
    expect(browse).toMatchObject({ function_score: { query: { match_all: {} } } });
    expect(clausesWith(browse, 'field_value_factor')).toHaveLength(1);
    expect(body).not.toHaveProperty('highlight');
    expect(body).not.toHaveProperty('suggest');
    expect(body).toMatchObject({
      from: 40,
      size: 20,
      sort: [{ publishedAt: 'desc' }, { id: 'asc' }],
    });
  });

  it('never turns q into query syntax, whatever it holds (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (q) => {
        const body = build(`q=${encodeURIComponent(q)}`);
        const text = JSON.stringify(body);
        expect(text).not.toContain('query_string');
        expect(text).not.toContain('"regexp"');
        expect(text).not.toContain('"wildcard"');
        // q only ever appears as a value of a text query's "query"
        for (const clause of clausesWith(body, 'query')) {
          if (typeof clause.query === 'string') expect(q).toContain(clause.query);
        }
      }),
    );
  });
});
