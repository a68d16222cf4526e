import { describe, expect, it } from 'vitest';
import type { IndexChange } from '../../shared/ingest/index-change.js';
import type { MarkKind } from '../../shared/recommend/neighbour-queue.js';
import type { StoredRelatedList } from '../../shared/recommend/related-list.js';
import { relatedOnIndexed } from '../../shared/recommend/related-on-indexed.js';
import { toIndexDocument, toTombstone } from '../../shared/search-index/document.js';

type Write = Extract<IndexChange, { kind: 'write' }>;

const written = (
  id: string,
  version = 1,
  over: { evidence?: null; publishedAt?: string } = {},
): Write => ({
  kind: 'write',
  id,
  version,
  sequenceNumber: String(version),
  document: toIndexDocument({
    id,
    title: id,
    summary: 's',
    category: 'C',
    tags: ['t'],
    publishedAt: over.publishedAt ?? '2025-01-01',
    readTimeMinutes: 1,
    keyTakeaways: [],
    sections: [{ heading: 'h', body: 'b' }],
    evidence: over.evidence === null ? null : { source: 'J', type: 'T' },
    version,
    updatedAt: '2025-01-01T00:00:00.000Z',
  }),
});

const deleted = (id: string, version: number): Write => ({
  kind: 'write',
  id,
  version,
  sequenceNumber: String(version),
  document: toTombstone(id, version, '2025-01-01T00:00:00.000Z'),
});

function hook(options: { failRecompute?: boolean; failMark?: boolean } = {}) {
  const recomputed: Array<[string, number]> = [];
  const marked: Array<[MarkKind, string[]]> = [];
  const forgotten: string[] = [];
  const logged: string[] = [];
  let refreshed = 0;
  const onIndexed = relatedOnIndexed({
    recompute: async (source) => {
      if (options.failRecompute) throw new Error('search down');
      recomputed.push([source.id, source.version]);
      return {
        items: [{ id: `${source.id}-neighbour`, fallback: false }],
      } as unknown as StoredRelatedList;
    },
    forget: async (id) => {
      forgotten.push(id);
    },
    refreshIndex: async () => {
      refreshed++;
    },
    queue: {
      mark: async (ids, kind) => {
        if (options.failMark) throw new Error('table down');
        marked.push([kind, [...ids]]);
      },
    },
    clock: () => Date.parse('2026-07-01T00:00:00Z'),
    log: (message) => logged.push(message),
    directPerBatch: 2,
  });
  return { onIndexed, recomputed, marked, forgotten, logged, refreshed: () => refreshed };
}

describe('relatedOnIndexed', () => {
  it('recomputes the latest version of each written article and marks its neighbours', async () => {
    const h = hook();
    await h.onIndexed([written('a', 1), written('a', 2)]);
    expect(h.refreshed()).toBe(1);
    expect(h.recomputed).toEqual([['a', 2]]);
    expect(h.marked).toEqual([['neighbour', ['a-neighbour']]]);
  });

  it('bounds the work: beyond directPerBatch written articles are only marked', async () => {
    const h = hook();
    await h.onIndexed([written('a'), written('b'), written('c'), written('d')]);
    expect(h.recomputed.map(([id]) => id)).toEqual(['a', 'b']);
    expect(h.marked).toContainEqual(['written', ['c', 'd']]);
  });

  it('drops the list of a deleted article', async () => {
    const h = hook();
    await h.onIndexed([deleted('gone', 3)]);
    expect(h.forgotten).toEqual(['gone']);
    expect(h.recomputed).toEqual([]);
  });

  it('marks no neighbours for unlabeled or not yet published articles', async () => {
    const h = hook();
    await h.onIndexed([
      written('draft', 1, { evidence: null }),
      written('later', 1, { publishedAt: '2027-01-01' }),
    ]);
    expect(h.recomputed.map(([id]) => id)).toEqual(['draft', 'later']);
    expect(h.marked).toEqual([]);
  });

  it('never fails the indexing batch: failures are logged', async () => {
    const h = hook({ failRecompute: true, failMark: true });
    await expect(h.onIndexed([written('a'), written('b'), written('c')])).resolves.toBeUndefined();
    expect(h.logged.length).toBe(3);
  });
});
