import { describe, expect, it } from 'vitest';
import type { CurrentArticle } from '../../shared/recommend/article-lookup.js';
import { presentRelated } from '../../shared/recommend/present-related.js';
import type { StoredRelatedList } from '../../shared/recommend/related-list.js';

const evidence = { source: 'Diabetes Care', type: 'Observational cohort' };
const article = (id: string, over: Partial<CurrentArticle> = {}): CurrentArticle => ({
  id,
  version: 1,
  title: `Title ${id}`,
  summary: `Summary ${id}`,
  tags: ['genetics'],
  category: 'Causes & What We Know',
  publishedAt: '2025-01-01',
  evidence,
  ...over,
});

const list: StoredRelatedList = {
  articleId: 'source',
  sourceVersion: 1,
  computedAt: '2026-07-01T00:00:00.000Z',
  expiresAt: 2_000_000_000,
  rarity: { total: 10, counts: { genetics: 2, risk: 8 } },
  items: ['kept', 'deleted', 'unlabeled', 'future', 'source', 'retagged'].map((id) => ({
    id,
    version: 1,
    evidence,
    score: 0.512345,
    similarContent: id === 'kept',
    fallback: id === 'retagged',
  })),
};

describe('presentRelated', () => {
  it('drops deleted, unlabeled, not yet published items and the source; explains from current labels', () => {
    const source = article('source', { tags: ['genetics', 'risk'] });
    const current = new Map<string, CurrentArticle>([
      ['source', source],
      ['kept', article('kept')],
      ['unlabeled', article('unlabeled', { evidence: null })],
      ['future', article('future', { publishedAt: '2026-08-01' })],
      ['retagged', article('retagged', { version: 2, tags: ['risk'], title: 'New title' })],
    ]);
    const items = presentRelated(list, source, current, '2026-07-01');
    expect(items).toEqual([
      {
        id: 'kept',
        title: 'Title kept',
        summary: 'Summary kept',
        tags: ['genetics'],
        publishedAt: '2025-01-01',
        evidence,
        score: 0.5123,
        reasons: [
          'closely related content',
          'shares tags: genetics',
          'same evidence type: observational cohort',
          'same category: Causes & What We Know',
        ],
        fallback: false,
      },
      expect.objectContaining({
        id: 'retagged',
        title: 'New title',
        fallback: true,
        reasons: expect.arrayContaining(['shares tags: risk']),
      }),
    ]);
  });
});
