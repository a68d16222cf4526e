import { describe, expect, it } from 'vitest';
import { buildSuggestQuery, toSuggestResponse } from '../../shared/search/suggest-query.js';

const now = new Date('2026-03-15T10:00:00Z');

describe('buildSuggestQuery', () => {
  it('matches title prefixes, every typed word, among live published articles', () => {
    const body = buildSuggestQuery({ q: 'calm the imm' }, { now });
    expect(body.size).toBe(8);
    expect(body.query.bool.filter).toEqual([
      { term: { deleted: false } },
      { range: { publishedAt: { lte: '2026-03-15' } } },
    ]);
    expect(body.query.bool.should[0]).toEqual({
      multi_match: {
        query: 'calm the imm',
        type: 'bool_prefix',
        operator: 'and',
        fields: ['title.suggest', 'title.suggest._2gram', 'title.suggest._3gram'],
      },
    });
    // no word is long enough for a typo
    expect(body.query.bool.should).toHaveLength(1);
  });

  it('adds typo tolerance only for alphabetic words of five letters or more', () => {
    const body = buildSuggestQuery({ q: 'GAD65 exercize' }, { now });
    const typo = JSON.stringify(body.query.bool.should[1]);
    expect(typo).toContain('"query":"exercize","operator":"and","fuzziness":2');
    expect(typo).not.toMatch(/"query":"GAD65"[^}]*fuzziness/);
  });

  it('looks tags up by slug prefix over all published articles', () => {
    const body = buildSuggestQuery({ q: 'Beta cel' }, { now });
    expect(body.aggs.published.aggs.visible.aggs.tags?.terms.include).toBe('(.*-)?beta-cel.*');
  });
});

describe('toSuggestResponse', () => {
  it('lists titles first, then matching tags and categories, at most eight in all', () => {
    const response = toSuggestResponse(
      {
        hits: {
          hits: Array.from({ length: 8 }, (_, i) => ({
            _source: { id: `a${i}`, title: `Exercise ${i}` },
          })),
        },
        aggregations: {
          published: {
            visible: {
              tags: { buckets: [{ key: 'exercise', doc_count: 2 }] },
              categories: {
                buckets: [
                  { key: 'Nutrition & Exercise', doc_count: 3 },
                  { key: 'Cure Research', doc_count: 9 },
                ],
              },
            },
          },
        },
      },
      { q: 'exerc' },
    );
    expect(response.items).toHaveLength(8);
    expect(response.items.slice(-2)).toEqual([
      { type: 'tag', text: 'exercise', count: 2 },
      { type: 'category', text: 'Nutrition & Exercise', count: 3 },
    ]);
    expect(response.items[0]).toEqual({ type: 'article', text: 'Exercise 0', id: 'a0' });
  });
});
