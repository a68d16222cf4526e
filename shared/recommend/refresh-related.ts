import { dayOf } from '../search-index/visibility.js';
import type { Mark, NeighbourQueue } from './neighbour-queue.js';
import { isRecommendable } from './present-related.js';
import type { StoredRelatedList } from './related-list.js';
import type { RelatedSource } from './related-source.js';
import type { SourceDocuments } from './source-documents.js';

/**
 * Where a refresh run stands; small and JSON-serialisable, so a run that reaches its deadline
 * hands it to its continuation.
 * - `full`: every live article's list, in id order after the nightly reindex; `after` is the
 *   last id done.
 * - `markers`: the lists marked by the stream indexer (written articles and their neighbours),
 *   at most `markersPerRun` per scheduled run, continuations included.
 */
export type RefreshState =
  | { mode: 'full'; after?: string; refreshed: number; failed: number }
  | { mode: 'markers'; refreshed: number; failed: number };

export type RefreshMode = RefreshState['mode'];

export const startState = (mode: RefreshMode): RefreshState => ({ mode, refreshed: 0, failed: 0 });

export interface RefreshDeps {
  sources: Pick<SourceDocuments, 'page' | 'byIds'>;
  queue: Pick<NeighbourQueue, 'peek' | 'acknowledge' | 'mark'>;
  /** Undefined for an article not published yet, which has no list. */
  recompute(source: RelatedSource): Promise<StoredRelatedList | undefined>;
  /** Drops the list of an article that no longer exists. */
  forget(id: string): Promise<void>;
  /** Epoch ms now; the deadline is checked against it. */
  clock: () => number;
  log: (message: string, details: Record<string, unknown>) => void;
  /** Lists refreshed per search page of the full refresh. */
  pageSize?: number;
  markersPerRun?: number;
  neighboursPerWrite?: number;
}

export interface RefreshResult {
  state: RefreshState;
  /** False when the deadline came first: continue with `state`. */
  done: boolean;
}

const defaults = { pageSize: 50, markersPerRun: 500, neighboursPerWrite: 6 };

/**
 * One step of a scheduled refresh: works until `deadline` (epoch ms) and says whether it is done
 * or must continue from the state it returns. Each list is recomputed independently, so a failure
 * is logged and counted, and the run goes on.
 */
export async function refreshRelated(
  state: RefreshState,
  deadline: number,
  deps: RefreshDeps,
): Promise<RefreshResult> {
  return state.mode === 'full'
    ? refreshAll(state, deadline, deps)
    : refreshMarked(state, deadline, deps);
}

async function refreshAll(
  start: Extract<RefreshState, { mode: 'full' }>,
  deadline: number,
  deps: RefreshDeps,
): Promise<RefreshResult> {
  const state = { ...start };
  const pageSize = deps.pageSize ?? defaults.pageSize;
  for (;;) {
    if (deps.clock() >= deadline) return { state, done: false };
    const page = await deps.sources.page(state.after, pageSize);
    if (page.length === 0) return { state, done: true };
    for (const source of page) {
      if (deps.clock() >= deadline) return { state, done: false };
      await refreshOne(source, state, deps);
      state.after = source.id;
    }
  }
}

async function refreshMarked(
  start: Extract<RefreshState, { mode: 'markers' }>,
  deadline: number,
  deps: RefreshDeps,
): Promise<RefreshResult> {
  const state = { ...start };
  const budget = deps.markersPerRun ?? defaults.markersPerRun;
  for (;;) {
    const left = budget - state.refreshed - state.failed;
    if (left <= 0) return { state, done: true };
    if (deps.clock() >= deadline) return { state, done: false };
    const marks = await deps.queue.peek(left);
    if (marks.length === 0) return { state, done: true };
    const sources = await deps.sources.byIds(marks.map((m) => m.id));
    for (const mark of marks) {
      if (deps.clock() >= deadline) return { state, done: false };
      await refreshMark(mark, sources.get(mark.id), state, deps);
    }
  }
}

async function refreshMark(
  mark: Mark,
  source: RelatedSource | undefined,
  state: RefreshState,
  deps: RefreshDeps,
): Promise<void> {
  if (!source) {
    // deleted since it was marked; its list goes, nothing else to do
    await deps
      .forget(mark.id)
      .catch((error: unknown) => deps.log('forget failed', { id: mark.id, error }));
  } else {
    const list = await refreshOne(source, state, deps);
    const today = dayOf(new Date(deps.clock()));
    // only a recommendable article can enter its neighbours' lists
    if (list && mark.kind === 'written' && isRecommendable(source, today)) {
      const count = deps.neighboursPerWrite ?? defaults.neighboursPerWrite;
      await deps.queue.mark(neighboursOf(list, count), 'neighbour');
    }
  }
  await deps.queue.acknowledge(mark);
}

async function refreshOne(
  source: RelatedSource,
  state: RefreshState,
  deps: RefreshDeps,
): Promise<StoredRelatedList | undefined> {
  try {
    const list = await deps.recompute(source);
    if (list) state.refreshed++;
    return list;
  } catch (error) {
    state.failed++;
    deps.log('related list refresh failed', { id: source.id, error });
    return undefined;
  }
}

/**
 * The articles a newly written one is most similar to: its best non-fallback matches. Its own
 * list ranks them by similarity to it, which is what makes it likely to enter theirs.
 */
export function neighboursOf(list: StoredRelatedList, count: number): string[] {
  return list.items
    .filter((item) => !item.fallback)
    .slice(0, count)
    .map((item) => item.id);
}
