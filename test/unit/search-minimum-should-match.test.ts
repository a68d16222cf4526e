import { describe, expect, it } from 'vitest';
import { requiredClauses } from '../../shared/search/minimum-should-match.js';
import { relevance } from '../../shared/search/relevance.js';

describe('requiredClauses', () => {
  it('reads integers and percentages, negative ones as how many may be missing', () => {
    expect(requiredClauses('2', 5)).toBe(2);
    expect(requiredClauses('-1', 5)).toBe(4);
    expect(requiredClauses('60%', 7)).toBe(4);
    expect(requiredClauses('-25%', 7)).toBe(6);
    expect(requiredClauses('9', 3)).toBe(3);
  });

  it('applies the last condition whose clause count is exceeded, all clauses below the first', () => {
    const spec = '3<-1 5<1';
    expect([1, 2, 3, 4, 5, 6, 12].map((n) => requiredClauses(spec, n))).toEqual([
      1, 2, 3, 3, 4, 1, 1,
    ]);
  });

  it('makes the production rule strict for short queries only', () => {
    expect(requiredClauses(relevance.minimumShouldMatch, 2)).toBe(2);
    expect(requiredClauses(relevance.minimumShouldMatch, 8)).toBe(1);
  });
});
