import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArticleId } from '../../scripts/local/fixtures.js';
import type { SuggestResponse } from '../../shared/search/suggest-query.js';
import { type SearchStack, startSearchStack } from '../helpers/search-stack.js';

describe('GET /suggest on the real local stack', () => {
  let api: SearchStack;
  const suggest = (q: string) => api.get<SuggestResponse>('/suggest', { q });
  const articleIds = async (q: string) =>
    (await suggest(q)).body.items.flatMap((item) => (item.type === 'article' ? [item.id] : []));

  beforeAll(async () => {
    api = await startSearchStack('suggest');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('suggests the seed article, the tag and the category for "exerc"', async () => {
    const res = await suggest('exerc');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.body.items.length).toBeLessThanOrEqual(8);
    expect(res.body.items).toContainEqual({
      type: 'article',
      id: seedArticleId,
      text: 'How Exercise May Help Calm the Immune System in Type 1 Diabetes',
    });
    expect(res.body.items).toContainEqual({ type: 'tag', text: 'exercise', count: 2 });
    expect(res.body.items).toContainEqual({
      type: 'category',
      text: 'Nutrition & Exercise',
      count: api.articles.filter((a) => a.category === 'Nutrition & Exercise').length,
    });
  });

  it('completes the last word of a multi-word prefix', async () => {
    expect(await articleIds('calm the imm')).toEqual([seedArticleId]);
    expect(await articleIds('type 1 diab')).toHaveLength(8);
  });

  it('tolerates a typo from five letters on, never in identifiers or short prefixes', async () => {
    expect(await articleIds('exercize')).toContain(seedArticleId);
    expect(await articleIds('teplizumav')).toEqual(
      expect.arrayContaining(['teplizumab-delays-clinical-type-1-diabetes']),
    );
    // GAD6 is a prefix of both; GAD65 must not reach the GAD67 article
    expect(await articleIds('GAD6')).toHaveLength(2);
    expect(await articleIds('GAD65')).toEqual(['gad65-autoantibodies-early-warning-sign']);
    expect(await articleIds('exrc')).toEqual([]);
  });

  it('answers an empty q with nothing and a too long q with a 400 naming it', async () => {
    expect((await suggest('')).body).toEqual({ q: '', items: [] });
    const long = await suggest('x'.repeat(101));
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ invalidParams: [{ field: 'q' }] });
  });
});
