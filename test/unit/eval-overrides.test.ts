import { describe, expect, it } from 'vitest';
import { chooseSplit } from '../../scripts/eval/collections.js';
import { applyOverrides } from '../../scripts/eval/overrides.js';
import { relatedTuning } from '../../shared/recommend/tuning.js';
import { relevance } from '../../shared/search/relevance.js';

describe('--set overrides of ranking knobs', () => {
  it('changes the named values in a copy, typed like the value they replace', () => {
    const settings = applyOverrides({ relevance, related: relatedTuning }, [
      'relevance.typo.boost=0.3',
      'relevance.minimumShouldMatch=2<-1',
      'related.moreLikeThis.minimumShouldMatch=20%',
    ]);
    expect(settings.relevance.typo.boost).toBe(0.3);
    expect(settings.relevance.minimumShouldMatch).toBe('2<-1');
    expect(settings.related.moreLikeThis.minimumShouldMatch).toBe('20%');
    expect(settings.relevance.typo.minLength).toBe(relevance.typo.minLength);
    // production's objects are untouched
    expect(relevance.typo.boost).toBe(0.2);
  });

  it.each([
    ['relevance.typo.bost=0.3', /relevance\.typo has no "bost" \(it has: minLength, /],
    ['ranking.typo.boost=1', /settings has no "ranking" \(it has: relevance\)/],
    ['relevance.typo=1', /relevance\.typo is a group/],
    ['relevance.typo.boost.x=1', /relevance\.typo\.boost is a value/],
    ['relevance.typo.boost=high', /expected a number/],
    ['relevance.typo.boost', /expected <path>=<value>/],
  ])('rejects %s', (assignment, message) => {
    expect(() => applyOverrides({ relevance }, [assignment])).toThrow(message);
  });
});

describe('split choice', () => {
  it('defaults to train, and says so when a dataset has none', () => {
    expect(chooseSplit('scifact', undefined)).toEqual({ split: 'train' });
    expect(chooseSplit('scifact', 'test')).toEqual({ split: 'test' });
    expect(chooseSplit('med', undefined)).toEqual({
      split: 'test',
      note: 'med has no train split: using test (never tune on it)',
    });
    expect(() => chooseSplit('med', 'train')).toThrow(/med has no train split/);
    expect(() => chooseSplit('scifact', 'dev')).toThrow(/--split must be test or train/);
  });
});
