import { describe, expect, it } from 'vitest';
import { buildMoreUrl } from '../../shared/recommend/more-url.js';
import { strongestTags, tagOverlap, tagWeight } from '../../shared/recommend/tag-rarity.js';

const rarity = { total: 50, counts: { genetics: 3, autoimmunity: 12, risk: 49 } };

describe('tag rarity', () => {
  it('weighs rare tags more, near zero for a tag on nearly every article, zero when unshared', () => {
    expect(tagWeight(rarity, 'genetics')).toBeGreaterThan(tagWeight(rarity, 'autoimmunity'));
    expect(tagWeight(rarity, 'autoimmunity')).toBeGreaterThan(tagWeight(rarity, 'risk'));
    expect(tagWeight(rarity, 'risk')).toBeLessThan(0.05);
    expect(tagWeight(rarity, 'unshared')).toBe(0);
  });

  it('orders the shared tags rarest first and leaves out tags nobody else has', () => {
    expect(strongestTags(['risk', 'unshared', 'genetics', 'autoimmunity'], rarity)).toEqual([
      'genetics',
      'autoimmunity',
      'risk',
    ]);
  });

  it('measures overlap as the share of shareable tag weight, in [0, 1]', () => {
    const source = ['genetics', 'risk', 'unshared'];
    expect(tagOverlap(source, ['genetics', 'risk'], rarity)).toBeCloseTo(1);
    expect(tagOverlap(source, ['genetics'], rarity)).toBeGreaterThan(0.9);
    expect(tagOverlap(source, ['risk'], rarity)).toBeLessThan(0.1);
    expect(tagOverlap(source, [], rarity)).toBe(0);
    expect(tagOverlap([], ['genetics'], rarity)).toBe(0);
  });
});

describe('buildMoreUrl', () => {
  it('links to evidence-labeled search results for the two strongest tags', () => {
    expect(
      buildMoreUrl({ tags: ['risk', 'genetics', 'autoimmunity'], category: 'C' }, rarity),
    ).toBe('/search?evidenced=true&tags=genetics,autoimmunity&tagsMode=any');
  });

  it('falls back to the category when no tag is shared, and prefixes a base URL', () => {
    expect(
      buildMoreUrl(
        { tags: ['unshared'], category: 'Causes & What We Know' },
        rarity,
        'https://api.example.org/',
      ),
    ).toBe('https://api.example.org/search?evidenced=true&category=Causes+%26+What+We+Know');
  });

  it('names a single tag without a tags mode', () => {
    expect(buildMoreUrl({ tags: ['genetics'], category: 'C' }, rarity)).toBe(
      '/search?evidenced=true&tags=genetics',
    );
  });
});
