import { describe, expect, it } from 'vitest';
import { bootstrapMean } from '../../scripts/eval/bootstrap.js';
import { toArticle } from '../../scripts/eval/collections.js';
import { ndcgAt, recallAt, reciprocalRankAt, scoreRun } from '../../scripts/eval/metrics.js';

const relevant = new Map([
  ['d1', 1],
  ['d2', 1],
]);

describe('retrieval metrics', () => {
  it('computes nDCG@k with the log2 discount and the ideal ranking of all relevant documents', () => {
    expect(ndcgAt(10, ['d1', 'd2', 'x'], relevant)).toBeCloseTo(1);
    // one relevant at rank 2 of two relevant: (1/log2 3) / (1 + 1/log2 3)
    expect(ndcgAt(10, ['x', 'd1'], relevant)).toBeCloseTo(
      1 / Math.log2(3) / (1 + 1 / Math.log2(3)),
    );
    expect(ndcgAt(1, ['x', 'd1'], relevant)).toBe(0);
  });

  it('computes recall@k and the reciprocal rank of the first relevant document', () => {
    expect(recallAt(100, ['x', 'd2'], relevant)).toBe(0.5);
    expect(reciprocalRankAt(10, ['x', 'y', 'd2'], relevant)).toBeCloseTo(1 / 3);
    expect(reciprocalRankAt(2, ['x', 'y', 'd2'], relevant)).toBe(0);
  });

  it('averages over every judged query, a query without results scoring 0', () => {
    const scores = scoreRun(
      new Map([['q1', ['d1', 'd2']]]),
      new Map([
        ['q1', relevant],
        ['q2', new Map([['d9', 1]])],
      ]),
    );
    expect(scores).toEqual({ ndcg10: 0.5, recall100: 0.5, mrr10: 0.5 });
  });
});

describe('toArticle', () => {
  it('maps a collection document to the article shape: title to title, text to the one section', () => {
    const article = toArticle(
      { id: '42', title: 'A title', text: 'word '.repeat(400).trim() },
      'scifact',
    );
    expect(article).toMatchObject({
      id: '42',
      title: 'A title',
      summary: '',
      keyTakeaways: [],
      tags: [],
      evidence: null,
      sections: [{ heading: '', body: 'word '.repeat(400).trim() }],
      readTimeMinutes: 2,
    });
  });
});

describe('bootstrap interval', () => {
  it('brackets the mean, narrows with more values and repeats exactly', () => {
    const few = [0, 1, 0, 1, 1, 0, 0, 1];
    const many = Array.from({ length: 800 }, (_, i) => i % 2);
    const a = bootstrapMean(few);
    expect(a.mean).toBe(0.5);
    expect(a.low).toBeLessThan(0.5);
    expect(a.high).toBeGreaterThan(0.5);
    const b = bootstrapMean(many);
    expect(b.high - b.low).toBeLessThan((a.high - a.low) / 5);
    expect(bootstrapMean(few)).toEqual(a);
    expect(bootstrapMean([0.3, 0.3, 0.3])).toEqual({ mean: 0.3, low: 0.3, high: 0.3 });
  });
});
