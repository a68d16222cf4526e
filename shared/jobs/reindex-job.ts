import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import {
  continueReindex,
  finishReindex,
  isLoaded,
  progressOf,
  type ReindexDeps,
  ReindexInProgressError,
  type ReindexProgress,
  type ReindexReport,
  reindexStateSchema,
  startReindex,
} from '../ingest/reindex.js';
import type { Observability } from '../observability.js';
import * as z from '../zod.js';
import { continuingJob, type JobStep } from './continuing-job.js';

/** A scheduled start (any payload, e.g. `{ trigger: 'schedule' }`) or a continuation step. */
const reindexEventSchema = z.object({ continuation: z.optional(reindexStateSchema) });

export type ReindexEvent = z.infer<typeof reindexEventSchema>;

export type ReindexRun =
  | { status: 'postponed' | 'skipped'; reason: string }
  | { status: 'continued'; progress: ReindexProgress }
  | ReindexReport;

export interface ScheduledReindexDeps extends Observability {
  reindex: ReindexDeps;
  /** Why the domain should not be reindexed now, if so (undefined: go ahead). */
  domainBusy: () => Promise<string | undefined>;
  /** Hands the state to a fresh invocation of this function. */
  continueLater: (event: ReindexEvent, context: Pick<Context, 'functionName'>) => Promise<void>;
  /** Kept free at the end of each invocation for the hand-over (default 60 s). */
  marginMs?: number;
  /** What verification and promotion may need; with less left they move to a fresh invocation. */
  finishBudgetMs?: number;
}

/** Log progress at most this often. */
const progressLogMs = 30_000;

/**
 * The reindex Lambda: starts a build on schedule (unless the domain is busy or a build is
 * running), loads until about a minute before the invocation's deadline, then either hands the
 * state to a new invocation of itself or verifies and promotes.
 */
export const makeScheduledReindex = (deps: ScheduledReindexDeps) =>
  continuingJob<ReindexEvent, ReindexRun>({
    event: reindexEventSchema,
    marginMs: deps.marginMs ?? 60_000,
    continueWith: deps.continueLater,
    step: (event, deadline) => reindexStep(deps, event, deadline),
  });

async function reindexStep(
  deps: ScheduledReindexDeps,
  event: ReindexEvent,
  deadline: number,
): Promise<JobStep<ReindexEvent, ReindexRun>> {
  const { logger, metrics } = deps;
  let state = event.continuation;
  if (!state) {
    const busy = await deps.domainBusy();
    if (busy) {
      logger.warn('reindex postponed to the next scheduled run', { reason: busy });
      return { result: { status: 'postponed', reason: busy } };
    }
    try {
      state = await startReindex(deps.reindex);
    } catch (error) {
      if (!(error instanceof ReindexInProgressError)) throw error;
      logger.warn('reindex skipped: another build is running', { generation: error.generation });
      return { result: { status: 'skipped', reason: error.message } };
    }
    logger.info('reindex started', {
      generation: state.generation,
      replaces: state.replaces,
      mappingChanged: state.mappingChanged,
      estimatedTotal: state.progress.estimatedTotal,
    });
  }

  // A continuation that arrives fully loaded goes straight to verification, with all its time.
  if (!isLoaded(state)) {
    let loggedAt = Date.now();
    state = await continueReindex(deps.reindex, state, {
      deadline,
      onProgress: (progress) => {
        if (Date.now() - loggedAt < progressLogMs) return;
        loggedAt = Date.now();
        logger.info('reindex progress', { ...progress });
      },
    });
    if (!isLoaded(state) || deadline - Date.now() < (deps.finishBudgetMs ?? 5 * 60_000)) {
      const progress = progressOf(state);
      logger.info('reindex continues in a new invocation', { ...progress });
      return { result: { status: 'continued', progress }, next: { continuation: state } };
    }
  }

  const report = await finishReindex(deps.reindex, state);
  metrics.addMetric('reindex.failed', MetricUnit.Count, report.status === 'failed' ? 1 : 0);
  metrics.addMetric('reindex.loaded', MetricUnit.Count, report.loaded);
  metrics.addMetric('reindex.docsPerSecond', MetricUnit.CountPerSecond, report.docsPerSecond);
  const { verification, ...summary } = report;
  const details = {
    ...summary,
    tableItems: verification.tableItems,
    indexDocuments: verification.indexDocuments,
    caughtUp: verification.caughtUp,
    unindexable: verification.unindexable.slice(0, 20),
    mismatches: verification.mismatches.slice(0, 20),
  };
  if (report.status === 'failed') logger.error('reindex failed verification', details);
  else logger.info('reindex promoted', details);
  return { result: report };
}
