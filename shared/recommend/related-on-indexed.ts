import { forEachConcurrently } from '../concurrency.js';
import type { IndexChange } from '../ingest/index-change.js';
import { dayOf } from '../search-index/visibility.js';
import type { NeighbourQueue } from './neighbour-queue.js';

type IndexedWrite = Extract<IndexChange, { kind: 'write' }>;

export interface OnIndexedDeps {
  forget(id: string): Promise<void>;
  queue: Pick<NeighbourQueue, 'mark'>;
  clock: () => number;
  log: (message: string, details: Record<string, unknown>) => void;
  concurrency?: number;
}

const defaults = { concurrency: 4 };

/**
 * The stream indexer's `onIndexed` hook for related lists, kept off the indexing hot path: it
 * searches nothing. Every written, published article is marked `written`, and the marker refresh
 * (every 15 minutes) recomputes its list and, in the same run, its neighbours' lists. An article
 * that must have no list (deleted, or scheduled for a later day) loses it here at once. A reader
 * never waits for the refresh: a list that is missing or older than the article is computed live.
 * It never throws: indexing must not fail for a cache; what failed here is logged, and the
 * nightly full refresh recomputes every list.
 */
export function relatedOnIndexed(deps: OnIndexedDeps) {
  return async (writes: readonly IndexedWrite[]): Promise<void> => {
    // a batch may hold several versions of one article: the last one counts
    const latest = new Map<string, IndexedWrite>();
    for (const write of writes) {
      const seen = latest.get(write.id);
      if (!seen || seen.version < write.version) latest.set(write.id, write);
    }
    const today = dayOf(new Date(deps.clock()));
    const listless: string[] = [];
    const published: string[] = [];
    for (const write of latest.values()) {
      const { document } = write;
      // tombstones have no date; a scheduled article has no list before its day
      const hasList =
        !document.deleted && 'publishedAt' in document && document.publishedAt <= today;
      (hasList ? published : listless).push(write.id);
    }
    const tasks = listless.map((id) => () => deps.forget(id));
    if (published.length > 0) tasks.push(() => deps.queue.mark(published, 'written'));
    await forEachConcurrently(tasks, deps.concurrency ?? defaults.concurrency, (task) =>
      task().catch((error: unknown) =>
        deps.log('related lists not updated for an indexed write', { error }),
      ),
    );
  };
}
