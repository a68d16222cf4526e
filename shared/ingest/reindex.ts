import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStoredArticle } from '../articles/stored-article.js';
import { sleep as defaultSleep } from '../backoff.js';
import type { OpenSearchClient } from '../clients/opensearch.js';
import { ConflictError, describeError } from '../errors.js';
import type { IndexAdmin } from '../search-index/index-admin.js';
import { mappingHash } from '../search-index/mapping.js';
import * as z from '../zod.js';
import {
  type BulkRetryPolicy,
  bulkWriteWithRetries,
  type VersionedDocument,
} from './bulk-write.js';
import { toVersionedDocument } from './index-change.js';
import { type Verification, verifyGeneration } from './reindex-verify.js';
import { type ScanKey, scanPage } from './table-scan.js';

/*
 * Zero-downtime full reindex, as a resumable state machine so a big table can take longer than one
 * Lambda invocation:
 *
 *   startReindex    create a generation from the template (no replicas, no refresh) and mark it
 *                   `building`: from then on the stream indexer writes every change to it too
 *   continueReindex scan the table in parallel segments (pages of at most 1 MB, consistent reads)
 *                   and bulk-load every item, tombstones included, with external versions — until
 *                   the scan is done or the deadline comes; the returned state resumes the scan
 *   finishReindex   restore replicas and refresh, verify ids and versions against the table, then
 *                   swap the aliases atomically and delete generations beyond the newest two — or,
 *                   if verification fails, leave the live alias alone and discard the build
 *
 * No catch-up pass is needed: external versions decide every write, so it does not matter whether
 * the scan or the stream reaches a key first (see the note in index-stream-batch.ts).
 */

export interface ReindexDeps {
  client: OpenSearchClient;
  admin: IndexAdmin;
  db: DynamoDBDocumentClient;
  tableName: string;
  /** Items per scan page (default: as many as fit in DynamoDB's 1 MB page). */
  pageSize?: number;
  /** How long verification waits for the stream indexer before a difference counts as real. */
  catchUp?: { attempts: number; delayMs: number };
  /** Retries of a bulk request that failed for a transient reason (429, 5xx, connection). */
  retry?: Omit<BulkRetryPolicy, 'sleep'>;
  sleep?: (ms: number) => Promise<void>;
}

/** Everything a later invocation needs to resume; plain JSON (it travels in a Lambda event). */
export const reindexStateSchema = z.object({
  alias: z.string(),
  generation: z.string(),
  /** The generation readers saw when the build started, if any. */
  replaces: z.optional(z.string()),
  /** Whether the live generation was built from another mapping than the current one. */
  mappingChanged: z.boolean(),
  startedAt: z.string(),
  /** One entry per parallel-scan segment: where it stopped and whether it is exhausted. */
  segments: z.array(
    z.object({ lastKey: z.optional(z.record(z.string(), z.unknown())), done: z.boolean() }),
  ),
  progress: z.object({
    /** Documents written to the generation, tombstones included. */
    loaded: z.number().check(z.int()),
    tombstones: z.number().check(z.int()),
    /** Items the index cannot take (invalid item, mapping reject); the stream dead-letters them. */
    skipped: z.number().check(z.int()),
    pages: z.number().check(z.int()),
    /** Wall time spent loading, summed over invocations. */
    loadMs: z.number(),
    /** DynamoDB's item count (updated by AWS about every six hours), for a progress bar. */
    estimatedTotal: z.optional(z.number().check(z.int())),
  }),
  /** The first few skipped items and why. */
  skippedSamples: z.array(z.object({ id: z.optional(z.string()), reason: z.string() })),
});

export type ReindexState = z.infer<typeof reindexStateSchema>;

export interface ReindexProgress {
  generation: string;
  loaded: number;
  tombstones: number;
  skipped: number;
  estimatedTotal?: number;
  docsPerSecond: number;
  segmentsDone: number;
  totalSegments: number;
}

export interface ReindexReport {
  status: 'promoted' | 'failed';
  generation: string;
  replaces?: string;
  mappingChanged: boolean;
  loaded: number;
  tombstones: number;
  skipped: number;
  skippedSamples: ReindexState['skippedSamples'];
  docsPerSecond: number;
  durationMs: number;
  verification: Verification;
  deletedGenerations: string[];
  /** Why the build was discarded (failed only). */
  reason?: string;
}

/** A build is already running (or was abandoned less than `abandonAfterMs` ago). */
export class ReindexInProgressError extends ConflictError {
  constructor(readonly generation: string) {
    super(`A reindex is already building ${generation}.`);
  }
}

const maxSkippedSamples = 20;

/**
 * Creates the next generation and marks it `building`. A build still marked after
 * `abandonAfterMs` (its continuation chain died) is discarded and replaced; a younger one makes
 * this throw ReindexInProgressError.
 */
export async function startReindex(
  deps: ReindexDeps,
  options: { totalSegments?: number; abandonAfterMs?: number; now?: Date } = {},
): Promise<ReindexState> {
  const { admin } = deps;
  const now = options.now ?? new Date();
  for (const building of await admin.indicesOf(admin.names.building)) {
    const age = now.getTime() - (await admin.createdAt(building)).getTime();
    if (age < (options.abandonAfterMs ?? 6 * 3_600_000)) throw new ReindexInProgressError(building);
    await admin.unmarkBuilding(building);
    await admin.deleteGeneration(building);
  }
  const replaces = await admin.liveGeneration();
  const liveHash = replaces ? await admin.mappingHashOf(replaces) : undefined;
  const generation = await admin.createGeneration({ bulkLoad: true, now });
  // Mark before scanning: from here on the stream indexer dual-writes, so nothing falls between.
  await admin.markBuilding(generation);
  return {
    alias: admin.alias,
    generation,
    replaces,
    mappingChanged: replaces !== undefined && liveHash !== mappingHash,
    startedAt: now.toISOString(),
    segments: Array.from({ length: options.totalSegments ?? 4 }, () => ({ done: false })),
    progress: {
      loaded: 0,
      tombstones: 0,
      skipped: 0,
      pages: 0,
      loadMs: 0,
      estimatedTotal: await estimateItems(deps),
    },
    skippedSamples: [],
  };
}

/** True once every scan segment is exhausted. */
export const isLoaded = (state: ReindexState): boolean => state.segments.every((s) => s.done);

/**
 * Loads scan pages into the generation until the scan is done or `deadline` (epoch ms) passes;
 * returns the state to resume from. Each segment loads at least one page per call, and pages in
 * flight at the deadline are finished first, so keep a margin of a few seconds. Safe to re-run
 * from an older state: re-written versions are no-ops.
 */
export async function continueReindex(
  deps: ReindexDeps,
  from: ReindexState,
  options: {
    deadline: number;
    onProgress?: (progress: ReindexProgress) => void;
  },
): Promise<ReindexState> {
  const state = structuredClone(from);
  if (!(await deps.admin.exists(state.generation))) {
    throw new Error(`generation ${state.generation} no longer exists; start a new reindex`);
  }
  const started = performance.now();
  const report = () =>
    options.onProgress?.(progressOf(state, state.progress.loadMs + performance.now() - started));
  // The first failure stops every segment after its current page, then is thrown: the caller
  // resumes from the state it passed in (re-loading a few pages is harmless).
  let failure: { error: unknown } | undefined;
  await Promise.all(
    state.segments.map(async (segment, index) => {
      const scan = (startKey: ScanKey | undefined) =>
        scanPage(
          deps.db,
          deps.tableName,
          { segment: index, totalSegments: state.segments.length, startKey },
          { limit: deps.pageSize },
        );
      try {
        // The first page is loaded whatever the deadline, so every call makes progress; the
        // next page is read while the current one is bulk-loaded.
        let reading = segment.done ? undefined : scan(segment.lastKey);
        while (reading && !failure) {
          const page = await reading;
          reading = page.next && Date.now() < options.deadline ? scan(page.next) : undefined;
          reading?.catch(() => {}); // awaited next round, or abandoned if this round fails
          await loadPage(deps, state, page.items);
          segment.lastKey = page.next;
          segment.done = page.next === undefined;
          state.progress.pages++;
          report();
        }
      } catch (error) {
        failure ??= { error };
      }
    }),
  );
  state.progress.loadMs += Math.round(performance.now() - started);
  if (failure) throw failure.error;
  return state;
}

/**
 * Restores the generation's settings, verifies it against the table and promotes it — or, when
 * verification fails, discards it and leaves the live alias untouched. The report says which.
 */
export async function finishReindex(
  deps: ReindexDeps,
  state: ReindexState,
): Promise<ReindexReport> {
  if (!isLoaded(state)) throw new Error('finishReindex needs a state whose scan is complete');
  const { admin } = deps;
  await admin.finishBulkLoad(state.generation);
  const verification = await verifyGeneration(
    {
      client: deps.client,
      db: deps.db,
      tableName: deps.tableName,
      totalSegments: state.segments.length,
      catchUp: deps.catchUp ?? { attempts: 5, delayMs: 1_000 },
      sleep: deps.sleep ?? defaultSleep,
    },
    state.generation,
  );
  const summary = {
    generation: state.generation,
    replaces: state.replaces,
    mappingChanged: state.mappingChanged,
    loaded: state.progress.loaded,
    tombstones: state.progress.tombstones,
    skipped: state.progress.skipped,
    skippedSamples: state.skippedSamples,
    docsPerSecond: progressOf(state).docsPerSecond,
    verification,
  };
  if (!verification.ok) {
    await admin.unmarkBuilding(state.generation);
    await admin.deleteGeneration(state.generation);
    return {
      ...summary,
      status: 'failed',
      durationMs: Date.now() - Date.parse(state.startedAt),
      deletedGenerations: [state.generation],
      reason: describeMismatches(verification),
    };
  }
  await admin.promote(state.generation);
  const deletedGenerations = await admin.deleteOldGenerations(2);
  return {
    ...summary,
    status: 'promoted',
    durationMs: Date.now() - Date.parse(state.startedAt),
    deletedGenerations,
  };
}

/**
 * The whole protocol in one process (CLI, `npm start`, tests): no deadline. Nothing can continue
 * a build this process started, so if it fails the build is discarded before the error is thrown.
 */
export async function runReindex(
  deps: ReindexDeps,
  options: {
    totalSegments?: number;
    /** Discard a build still marked after this long (0: whatever its age). */
    abandonAfterMs?: number;
    onStart?: (state: ReindexState) => void;
    onProgress?: (progress: ReindexProgress) => void;
  } = {},
): Promise<ReindexReport> {
  const started = await startReindex(deps, options);
  try {
    options.onStart?.(started);
    const loaded = await continueReindex(deps, started, {
      deadline: Number.POSITIVE_INFINITY,
      onProgress: options.onProgress,
    });
    return await finishReindex(deps, loaded);
  } catch (error) {
    await deps.admin.unmarkBuilding(started.generation);
    await deps.admin.deleteGeneration(started.generation);
    throw error;
  }
}

async function loadPage(
  deps: ReindexDeps,
  state: ReindexState,
  items: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  const docs: VersionedDocument[] = [];
  for (const item of items) {
    try {
      docs.push(toVersionedDocument(parseStoredArticle(item)));
    } catch (error) {
      skip(state, typeof item.id === 'string' ? item.id : undefined, describeError(error));
    }
  }
  const outcomes = await writeWithRetries(deps, state.generation, docs);
  outcomes.forEach((outcome, i) => {
    const doc = docs[i];
    if (!doc) return;
    if (outcome.status === 'rejected') {
      skip(state, doc.id, outcome.error);
    } else {
      // `stale` means the stream indexer already put this version or a newer one there.
      state.progress.loaded++;
      if (doc.document.deleted) state.progress.tombstones++;
    }
  });
}

/** Bulk-writes a page, retrying transient failures; throws when they persist (state is intact). */
async function writeWithRetries(
  deps: ReindexDeps,
  generation: string,
  docs: readonly VersionedDocument[],
) {
  const { outcomes } = await bulkWriteWithRetries(deps.client, async () => [generation], docs, {
    ...(deps.retry ?? { attempts: 5, baseDelayMs: 500 }),
    sleep: deps.sleep,
  });
  const failed = outcomes.find((o) => o.status === 'retryable');
  if (failed?.status === 'retryable') {
    throw new Error(`bulk load into ${generation} kept failing: ${failed.error}`);
  }
  return outcomes;
}

function skip(state: ReindexState, id: string | undefined, reason: string): void {
  state.progress.skipped++;
  if (state.skippedSamples.length < maxSkippedSamples) {
    state.skippedSamples.push({ id, reason: reason.slice(0, 300) });
  }
}

/** Where a build stands; the rate is over the load time so far (or `elapsedMs` of it). */
export function progressOf(
  state: ReindexState,
  elapsedMs = state.progress.loadMs,
): ReindexProgress {
  return {
    generation: state.generation,
    loaded: state.progress.loaded,
    tombstones: state.progress.tombstones,
    skipped: state.progress.skipped,
    estimatedTotal: state.progress.estimatedTotal,
    docsPerSecond: elapsedMs > 0 ? Math.round((state.progress.loaded * 1000) / elapsedMs) : 0,
    segmentsDone: state.segments.filter((s) => s.done).length,
    totalSegments: state.segments.length,
  };
}

/** Only feeds the progress display, so a missing permission or an error just leaves it out. */
async function estimateItems(deps: ReindexDeps): Promise<number | undefined> {
  try {
    const out = await deps.db.send(new DescribeTableCommand({ TableName: deps.tableName }));
    return out.Table?.ItemCount;
  } catch {
    return undefined;
  }
}

function describeMismatches({ mismatches }: Verification): string {
  const examples = mismatches.slice(0, 5).map((m) => {
    const table = m.table === undefined ? 'no item' : `v${m.table}`;
    const index = m.index
      ? `v${m.index.version}${m.index.deleted ? ' (tombstone)' : ''}`
      : 'no document';
    return `${m.id}: table ${table}, index ${index}`;
  });
  return `${mismatches.length} document(s) differ from the table after waiting for the stream indexer, e.g. ${examples.join('; ')}`;
}
