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
 * The stream indexer's hooks for related lists, kept off the indexing hot path: they search
 * nothing. Every published article of a batch is marked `written` while the batch's bulk write
 * is in flight (`onWriting`), and the marker refresh (every 15 minutes) recomputes its list and,
 * in the same run, its neighbours' lists. An article that must have no list (deleted, or
 * scheduled for a later day) loses it once its write has changed the index (`onIndexed`). A
 * reader never waits for the refresh: a list that is missing or older than the article is
 * computed live. Neither hook throws: indexing must not fail for a cache; what failed here is
 * logged, and the nightly full refresh recomputes every list.
 *
 * Why a mark may go out before the write's outcome is known: a mark only asks the refresh to
 * recompute a list from what the index holds then, and acknowledging it changes nothing else.
 * If the write then fails, the batch is re-delivered and marks again; if it is rejected
 * (dead-lettered) or stale (a replay), the refresh recomputes the list of the version the index
 * already holds, which is what it would hold anyway. A refresh that reads the index before the
 * write is searchable stores a list older than the article, which readers recompute live; that
 * window existed before (the index refreshes every second), it is now longer by one bulk request.
 * A forget deletes a list, so it waits for the outcome: a stale replay of an old delete must not
 * drop the list of an article created again since.
 */
export function relatedIndexHooks(deps: OnIndexedDeps) {
  const settle = (tasks: Array<() => Promise<void>>) =>
    forEachConcurrently(tasks, deps.concurrency ?? defaults.concurrency, (task) =>
      task().catch((error: unknown) =>
        deps.log('related lists not updated for an indexed write', { error }),
      ),
    );
  const split = (writes: readonly IndexedWrite[]) => {
    const today = dayOf(new Date(deps.clock()));
    const listless: string[] = [];
    const published: string[] = [];
    for (const { id, document } of latestVersions(writes)) {
      // tombstones have no date; a scheduled article has no list before its day
      const hasList =
        !document.deleted && 'publishedAt' in document && document.publishedAt <= today;
      (hasList ? published : listless).push(id);
    }
    return { listless, published };
  };
  return {
    /** With the bulk write: marks the batch's published articles, whatever their writes become. */
    onWriting: async (changes: readonly IndexedWrite[]): Promise<void> => {
      const { published } = split(changes);
      if (published.length > 0) await settle([() => deps.queue.mark(published, 'written')]);
    },
    /** After it: drops the lists of the deleted and scheduled articles it wrote. */
    onIndexed: async (written: readonly IndexedWrite[]): Promise<void> => {
      await settle(split(written).listless.map((id) => () => deps.forget(id)));
    },
  };
}

/** A batch may hold several versions of one article: the last one counts. */
function latestVersions(writes: readonly IndexedWrite[]): IndexedWrite[] {
  const latest = new Map<string, IndexedWrite>();
  for (const write of writes) {
    const seen = latest.get(write.id);
    if (!seen || seen.version < write.version) latest.set(write.id, write);
  }
  return [...latest.values()];
}
