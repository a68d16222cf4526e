import type { IndexChange } from '../ingest/index-change.js';
import { dayOf } from '../search-index/visibility.js';
import type { NeighbourQueue } from './neighbour-queue.js';
import { isRecommendable } from './present-related.js';
import { neighboursOf } from './refresh-related.js';
import type { StoredRelatedList } from './related-list.js';
import { type LiveDocument, type RelatedSource, sourceFromDocument } from './related-source.js';

type IndexedWrite = Extract<IndexChange, { kind: 'write' }>;

export interface OnIndexedDeps {
  /** Undefined for an article not published yet, which has no list. */
  recompute(source: RelatedSource): Promise<StoredRelatedList | undefined>;
  forget(id: string): Promise<void>;
  /** Makes the batch just written searchable, before lists are computed from it. */
  refreshIndex(): Promise<void>;
  queue: Pick<NeighbourQueue, 'mark'>;
  clock: () => number;
  log: (message: string, details: Record<string, unknown>) => void;
  /** Lists recomputed inside the indexing batch; further written articles are only marked. */
  directPerBatch?: number;
  neighboursPerWrite?: number;
  concurrency?: number;
}

const defaults = { directPerBatch: 10, neighboursPerWrite: 6, concurrency: 4 };

/**
 * The stream indexer's `onIndexed` hook for related lists, with bounded work per batch: the first
 * `directPerBatch` written articles get their own list recomputed and their nearest neighbours
 * marked for the scheduled refresh; the rest are marked as written; deleted articles lose their
 * list. It never throws: indexing must not fail for a cache, and the scheduled refresh catches up
 * on whatever failed here (which is logged).
 */
export function relatedOnIndexed(deps: OnIndexedDeps) {
  const directPerBatch = deps.directPerBatch ?? defaults.directPerBatch;
  const neighbours = deps.neighboursPerWrite ?? defaults.neighboursPerWrite;
  return async (writes: readonly IndexedWrite[]): Promise<void> => {
    // a batch may hold several versions of one article: the last one counts
    const latest = new Map<string, IndexedWrite>();
    for (const write of writes) {
      const seen = latest.get(write.id);
      if (!seen || seen.version < write.version) latest.set(write.id, write);
    }
    const live: RelatedSource[] = [];
    const deleted: string[] = [];
    for (const write of latest.values()) {
      if (write.document.deleted) deleted.push(write.id);
      else live.push(sourceFromDocument(write.document as LiveDocument));
    }
    const today = dayOf(new Date(deps.clock()));
    const direct = live.slice(0, directPerBatch);
    if (direct.length > 0) {
      // without it the written articles cannot score themselves (see related-engine.ts)
      await deps
        .refreshIndex()
        .catch((error: unknown) =>
          deps.log('index refresh before related lists failed', { error }),
        );
    }
    const tasks = [
      ...deleted.map((id) => () => deps.forget(id)),
      ...direct.map((source) => async () => {
        const list = await deps.recompute(source);
        if (list && isRecommendable(source, today)) {
          await deps.queue.mark(neighboursOf(list, neighbours), 'neighbour');
        }
      }),
    ];
    const overflow = live.slice(directPerBatch).map((source) => source.id);
    if (overflow.length > 0) tasks.push(() => deps.queue.mark(overflow, 'written'));
    await runAll(tasks, deps.concurrency ?? defaults.concurrency, (error) =>
      deps.log('related lists not updated for an indexed write', { error }),
    );
  };
}

/** Runs tasks a few at a time; a failing task is reported and the others go on. */
async function runAll(
  tasks: ReadonlyArray<() => Promise<void>>,
  concurrency: number,
  onError: (error: unknown) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) {
      await (tasks[i] as () => Promise<void>)().catch(onError);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}
