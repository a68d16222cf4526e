import { describe, expect, it } from 'vitest';
import type { Mark, MarkKind } from '../../shared/recommend/neighbour-queue.js';
import {
  type RefreshDeps,
  type RefreshState,
  refreshRelated,
  startState,
} from '../../shared/recommend/refresh-related.js';
import type { StoredRelatedList } from '../../shared/recommend/related-list.js';
import type { RelatedSource } from '../../shared/recommend/related-source.js';

const source = (id: string, over: Partial<RelatedSource> = {}): RelatedSource => ({
  id,
  version: 1,
  title: id,
  summary: '',
  keyTakeaways: [],
  body: '',
  tags: [],
  category: 'C',
  publishedAt: '2025-01-01',
  evidence: { source: 'J', type: 'T' },
  ...over,
});

/** An in-memory world: articles, a mark queue, a clock that advances 1 ms per list. */
function world(
  ids: string[],
  options: { failing?: string[]; neighbours?: Record<string, string[]> } = {},
) {
  let now = Date.parse('2026-07-01T00:00:00Z');
  const articles = new Map(ids.map((id) => [id, source(id)]));
  const marks = new Map<string, Mark>();
  const recomputed: string[] = [];
  const forgotten: string[] = [];
  const deps: RefreshDeps = {
    sources: {
      page: async (after, size) =>
        [...articles.values()]
          .filter((a) => after === undefined || a.id > after)
          .sort((a, b) => a.id.localeCompare(b.id))
          .slice(0, size),
      byIds: async (wanted) =>
        new Map(
          wanted.flatMap((id) =>
            articles.has(id) ? [[id, articles.get(id) as RelatedSource]] : [],
          ),
        ),
    },
    queue: {
      mark: async (markIds: readonly string[], kind: MarkKind) => {
        for (const id of markIds) marks.set(`${kind}:${id}`, { id, kind, markedAt: now });
      },
      peek: async (max: number) => [...marks.values()].slice(0, max),
      acknowledge: async (mark: Mark) => {
        if (marks.get(`${mark.kind}:${mark.id}`)?.markedAt === mark.markedAt)
          marks.delete(`${mark.kind}:${mark.id}`);
      },
    },
    recompute: async (s) => {
      now += 1;
      if (options.failing?.includes(s.id)) throw new Error('boom');
      recomputed.push(s.id);
      return {
        items: (options.neighbours?.[s.id] ?? []).map((id) => ({ id, fallback: false })),
      } as unknown as StoredRelatedList;
    },
    forget: async (id) => {
      forgotten.push(id);
    },
    clock: () => now,
    log: () => {},
    pageSize: 2,
    markersPerRun: 10,
  };
  return { deps, marks, recomputed, forgotten, articles, clock: () => now };
}

describe('refreshRelated: full', () => {
  it('refreshes every article in pages and is done', async () => {
    const w = world(['a', 'b', 'c', 'd', 'e']);
    const result = await refreshRelated(startState('full'), Number.POSITIVE_INFINITY, w.deps);
    expect(result).toEqual({
      done: true,
      state: { mode: 'full', after: 'e', refreshed: 5, failed: 0 },
    });
    expect(w.recomputed).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('stops at the deadline and continues from the returned state without repeating work', async () => {
    const w = world(['a', 'b', 'c', 'd', 'e']);
    let state: RefreshState = startState('full');
    let steps = 0;
    for (let done = false; !done; steps++) {
      // each step gets time for two lists
      const result = await refreshRelated(state, w.clock() + 2, w.deps);
      ({ state, done } = result);
    }
    expect(steps).toBeGreaterThan(2);
    expect(w.recomputed).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(state).toMatchObject({ refreshed: 5, failed: 0 });
  });

  it('counts a failing list and goes on', async () => {
    const w = world(['a', 'b', 'c'], { failing: ['b'] });
    const result = await refreshRelated(startState('full'), Number.POSITIVE_INFINITY, w.deps);
    expect(result.state).toMatchObject({ refreshed: 2, failed: 1 });
    expect(w.recomputed).toEqual(['a', 'c']);
  });
});

describe('refreshRelated: markers', () => {
  it('recomputes written articles, marks and refreshes their neighbours, forgets deleted ones', async () => {
    const w = world(['new', 'n1', 'n2', 'other'], { neighbours: { new: ['n1', 'n2'] } });
    await w.deps.queue.mark(['new'], 'written');
    await w.deps.queue.mark(['gone'], 'neighbour');
    const result = await refreshRelated(startState('markers'), Number.POSITIVE_INFINITY, w.deps);
    expect(result.done).toBe(true);
    expect(w.recomputed.sort()).toEqual(['n1', 'n2', 'new']);
    expect(w.forgotten).toEqual(['gone']);
    expect(w.marks.size).toBe(0);
  });

  it('does not mark neighbours for an unlabeled article: it cannot enter their lists', async () => {
    const w = world(['draft', 'n1'], { neighbours: { draft: ['n1'] } });
    w.articles.set('draft', source('draft', { evidence: null }));
    await w.deps.queue.mark(['draft'], 'written');
    await refreshRelated(startState('markers'), Number.POSITIVE_INFINITY, w.deps);
    expect(w.recomputed).toEqual(['draft']);
  });

  it('works on at most markersPerRun lists, leaving the rest queued', async () => {
    const ids = Array.from({ length: 15 }, (_, i) => `a${String(i).padStart(2, '0')}`);
    const w = world(ids);
    await w.deps.queue.mark(ids, 'neighbour');
    const result = await refreshRelated(startState('markers'), Number.POSITIVE_INFINITY, w.deps);
    expect(result).toMatchObject({ done: true, state: { refreshed: 10 } });
    expect(w.marks.size).toBe(5);
  });
});
