import { describe, expect, it } from 'vitest';
import { relevance } from '../../shared/search/relevance.js';
import { synonymReadings } from '../../shared/search/synonym-readings.js';
import { buildTextQuery } from '../../shared/search/text-query.js';

const hasTitlePhrase = (q: string) =>
  JSON.stringify(buildTextQuery(q, relevance).scoring).includes('"match_phrase"');

describe('synonymReadings', () => {
  it('doubles the readings for the longest rule matched at each word (its words or its concept)', () => {
    expect(synonymReadings('islets and sleep')).toBe(1);
    expect(synonymReadings('gad')).toBe(2);
    // "type 1 diabetes" is one match, not three
    expect(synonymReadings('type 1 diabetes closed loop')).toBe(2 * 2);
    expect(synonymReadings('Insulin-Pump CGM')).toBe(2 * 2);
    expect(synonymReadings('gad gad gad gad gad')).toBe(2 ** 5);
  });

  it('counts a word with letters the folding filters may change as a match', () => {
    expect(synonymReadings('β cells')).toBe(2);
  });
});

describe('the title phrase clause', () => {
  it('is kept for ordinary queries and left out where its readings would exceed the clause limit', () => {
    expect(hasTitlePhrase('type 1 diabetes closed loop in adolescents')).toBe(true);
    expect(hasTitlePhrase('t1d cgm csii hla gad mdi dka tir cvd')).toBe(false);
    expect(hasTitlePhrase('gad65 gad67 hla-dr3 '.repeat(25))).toBe(false);
  });
});
