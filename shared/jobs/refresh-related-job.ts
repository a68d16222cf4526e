import type { Observability } from '../observability.js';
import { type RefreshResult, type RefreshState, startState } from '../recommend/refresh-related.js';
import * as z from '../zod.js';
import { continuingJob } from './continuing-job.js';

const refreshEventSchema = z.object({
  mode: z.enum(['full', 'markers']),
  /** Present on a continuation: where the previous run stopped. */
  state: z.optional(
    z.discriminatedUnion('mode', [
      z.object({
        mode: z.literal('full'),
        after: z.optional(z.string()),
        refreshed: z.number().check(z.int()),
        failed: z.number().check(z.int()),
      }),
      z.object({
        mode: z.literal('markers'),
        refreshed: z.number().check(z.int()),
        failed: z.number().check(z.int()),
      }),
    ]),
  ),
});

/** `{ mode: 'full' | 'markers' }` from a schedule, plus `state` on a continuation. */
export type RefreshEvent = z.infer<typeof refreshEventSchema>;

/**
 * The scheduled refresh job: runs `run` until shortly before Lambda's timeout (30 s kept for the
 * last list in progress and the hand-over) and, when it is not done, continues with its state in
 * a new invocation, so a full refresh can outlast the 15-minute limit.
 */
export function makeRefreshHandler(deps: {
  run: (state: RefreshState, deadline: number) => Promise<RefreshResult>;
  continueWith: (event: RefreshEvent, context: { functionName: string }) => Promise<void>;
  logger: Observability['logger'];
}) {
  return continuingJob<RefreshEvent, RefreshResult>({
    event: refreshEventSchema,
    marginMs: 30_000,
    continueWith: deps.continueWith,
    step: async ({ mode, state }, deadline) => {
      const result = await deps.run(state ?? startState(mode), deadline);
      deps.logger.info('related refresh step', { ...result.state, done: result.done });
      return { result, next: result.done ? undefined : { mode, state: result.state } };
    },
  });
}
