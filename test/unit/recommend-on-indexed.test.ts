import { describe, expect, it } from 'vitest';
import type { IndexChange } from '../../shared/ingest/index-change.js';
import type { MarkKind } from '../../shared/recommend/neighbour-queue.js';
import { relatedIndexHooks } from '../../shared/recommend/related-on-indexed.js';
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

function hook(options: { failForget?: boolean; failMark?: boolean } = {}) {
  const marked: Array<[MarkKind, string[]]> = [];
  const forgotten: string[] = [];
  const logged: string[] = [];
  const hooks = relatedIndexHooks({
    forget: async (id) => {
      if (options.failForget) throw new Error('table down');
      forgotten.push(id);
    },
    queue: {
      mark: async (ids, kind) => {
        if (options.failMark) throw new Error('table down');
        marked.push([kind, [...ids]]);
      },
    },
    clock: () => Date.parse('2026-07-01T00:00:00Z'),
    log: (message) => logged.push(message),
  });
  // the stream indexer starts onWriting with the bulk write and calls onIndexed after it
  const both = async (writes: Write[]) => {
    await hooks.onWriting(writes);
    await hooks.onIndexed(writes);
  };
  return { ...hooks, both, marked, forgotten, logged };
}

describe('relatedIndexHooks', () => {
  it('marks every published article once for the marker refresh, in one call', async () => {
    const h = hook();
    await h.both([written('a', 1), written('a', 2), written('b'), written('c')]);
    expect(h.marked).toEqual([['written', ['a', 'b', 'c']]]);
    expect(h.forgotten).toEqual([]);
  });

  it('marks unlabeled articles too: they have lists of labeled ones', async () => {
    const h = hook();
    await h.both([written('draft', 1, { evidence: null })]);
    expect(h.marked).toEqual([['written', ['draft']]]);
  });

  it('drops the list of a deleted or scheduled article and marks neither', async () => {
    const h = hook();
    await h.both([
      deleted('gone', 3),
      written('later', 1, { publishedAt: '2027-01-01' }),
      written('today', 1, { publishedAt: '2026-07-01' }),
    ]);
    expect(h.forgotten.sort()).toEqual(['gone', 'later']);
    expect(h.marked).toEqual([['written', ['today']]]);
  });

  it('judges the latest version of an article: deleted after its write, it is only forgotten', async () => {
    const h = hook();
    await h.both([written('a', 1), deleted('a', 2)]);
    expect(h.forgotten).toEqual(['a']);
    expect(h.marked).toEqual([]);
  });

  it('marks before the outcome is known, but drops a list only after its write changed the index', async () => {
    const h = hook();
    await h.onWriting([written('a'), deleted('b', 2)]);
    expect(h.marked).toEqual([['written', ['a']]]);
    expect(h.forgotten).toEqual([]);
    await h.onIndexed([written('a'), deleted('b', 2)]);
    expect(h.marked).toEqual([['written', ['a']]]);
    expect(h.forgotten).toEqual(['b']);
  });

  it('never fails the indexing batch: failures are logged', async () => {
    const h = hook({ failForget: true, failMark: true });
    await expect(h.both([written('a'), deleted('b', 2), deleted('c', 2)])).resolves.toBeUndefined();
    expect(h.logged.length).toBe(3);
  });
});
