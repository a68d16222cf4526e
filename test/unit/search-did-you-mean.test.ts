import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../shared/search/did-you-mean.js';

const entry = (q: string, word: string, ...options: string[]) => ({
  text: word.toLowerCase(),
  offset: q.indexOf(word),
  length: word.length,
  options: options.map((text) => ({ text })),
});

describe('didYouMean', () => {
  it('replaces misspelled words in place, keeping the rest of the query and capitals', () => {
    const q = 'Autoimunity and exercize, please';
    expect(
      didYouMean(q, [entry(q, 'exercize', 'exercise'), entry(q, 'Autoimunity', 'autoimmunity')]),
    ).toBe('Autoimmunity and exercise, please');
  });

  it('picks the first candidate within the edits typo tolerance allows for the word', () => {
    const q = 'teens';
    // "tests" is two edits from a five-letter word, which may only have one
    expect(didYouMean(q, [entry(q, 'teens', 'tests')])).toBeNull();
    expect(didYouMean(q, [entry(q, 'teens', 'tests', 'teen')])).toBe('teen');
  });

  it('never corrects identifiers or short words', () => {
    expect(didYouMean('GAD65', [entry('GAD65', 'GAD65', 'gad67')])).toBeNull();
    expect(didYouMean('hba', [entry('hba', 'hba', 'hbo')])).toBeNull();
  });

  it('is null when nothing needed correcting', () => {
    expect(didYouMean('insulin', [])).toBeNull();
    expect(didYouMean('insulin', [entry('insulin', 'insulin')])).toBeNull();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions as one edit each', () => {
    expect(editDistance('autoimunity', 'autoimmunity')).toBe(1);
    expect(editDistance('diabtees', 'diabetes')).toBe(1);
    expect(editDistance('teens', 'tests')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
