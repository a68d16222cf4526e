import { describe, expect, it } from 'vitest';
import { loadSiteCollection, scoreSite } from '../../scripts/eval/site-collection.js';

const groups = [
  'questions',
  'topics',
  'lay',
  'identifiers',
  'spellings',
  'abbreviations',
  'misspellings',
  'facet-words',
];

describe('the site set (judged visitor queries)', () => {
  it('judges at least 60 queries of every kind against fixture articles, grades 0–2', async () => {
    const site = await loadSiteCollection('test');
    const ids = new Set(site.articles?.map((a) => a.id));
    expect(ids.size).toBe(55);
    expect(site.queries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(site.queries.map((q) => q.group))).toEqual(new Set(groups));
    for (const query of site.queries) {
      const judged = [...(site.qrels.get(query.id) ?? [])];
      expect(judged.every(([id, grade]) => ids.has(id) && [0, 1, 2].includes(grade))).toBe(true);
      expect({ query: query.text, relevant: judged.some(([, grade]) => grade > 0) }).toEqual({
        query: query.text,
        relevant: true,
      });
    }
  });

  it('scores nDCG@5 and the zero-result rate, overall and per group', () => {
    const collection = {
      queries: [
        { id: 'a', text: 'gad 65', group: 'identifiers' },
        { id: 'b', text: 'il-2', group: 'identifiers' },
        { id: 'c', text: 'sugar', group: 'lay' },
      ],
      qrels: new Map([
        ['a', new Map([['gad65', 2]])],
        ['b', new Map([['il2ra', 2]])],
        ['c', new Map([['glucagon', 1]])],
      ]),
    };
    const runs = new Map([
      ['a', ['gad65', 'gad67']],
      ['b', []],
      ['c', ['x', 'glucagon']],
    ]);
    const scores = scoreSite(collection, runs);
    expect(scores.groups.identifiers).toEqual({ queries: 2, ndcg5: 0.5, zeroResultRate: 0.5 });
    expect(scores.groups.lay?.ndcg5).toBeCloseTo(1 / Math.log2(3));
    expect(scores.zeroResultRate).toBeCloseTo(1 / 3);
    expect(scores.perQuery.map((q) => q.found)).toEqual([2, 0, 2]);
  });
});
