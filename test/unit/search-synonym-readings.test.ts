import { describe, expect, it } from 'vitest';
import { relevance } from '../../shared/search/relevance.js';
import { synonymReadings } from '../../shared/search/synonym-readings.js';
import { buildTextQuery } from '../../shared/search/text-query.js';

const hasTitlePhrase = (q: string) =>
  JSON.stringify(buildTextQuery(q, relevance).scoring).includes('"match_phrase"');

describe('synonymReadings', () => {
  it('multiplies the set sizes of the longest rule matched at each word', () => {
    expect(synonymReadings('exercise and sleep')).toBe(1);
    expect(synonymReadings('gad')).toBe(4);
    // "type 1 diabetes" is one match of a seven-way set, not three
    expect(synonymReadings('type 1 diabetes closed loop')).toBe(7 * 5);
    expect(synonymReadings('Insulin-Pump CGM')).toBe(4 * 3);
    expect(synonymReadings('gad gad gad gad gad')).toBe(4 ** 5);
  });

  it('counts a word with letters the folding filters may change as the largest set', () => {
    expect(synonymReadings('β cells')).toBe(7);
  });
});

describe('the title phrase clause', () => {
  it('is kept for ordinary queries and left out where its readings would exceed the clause limit', () => {
    expect(hasTitlePhrase('type 1 diabetes closed loop in adolescents')).toBe(true);
    expect(hasTitlePhrase('t1d cgm csii hla gad mdi')).toBe(false);
    expect(hasTitlePhrase('gad65 gad67 hla-dr3 '.repeat(25))).toBe(false);
  });
});
