import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import type { Observability } from '../observability.js';
import { type RefreshResult, type RefreshState, startState } from './refresh-related.js';

const refreshEventSchema = z.object({
  mode: z.enum(['full', 'markers']),
  /** Present on a continuation: where the previous run stopped. */
  state: z
    .discriminatedUnion('mode', [
      z.object({
        mode: z.literal('full'),
        after: z.string().optional(),
        refreshed: z.number().int(),
        failed: z.number().int(),
      }),
      z.object({
        mode: z.literal('markers'),
        refreshed: z.number().int(),
        failed: z.number().int(),
      }),
    ])
    .optional(),
});

/** `{ mode: 'full' | 'markers' }` from a schedule, plus `state` on a continuation. */
export type RefreshEvent = z.infer<typeof refreshEventSchema>;

/** Time kept back from the deadline for the last list in progress and the continuation call. */
const safetyMs = 30_000;

/**
 * The scheduled refresh job: runs `run` until shortly before Lambda's timeout and, when it is
 * not done, hands its state to `continueWith` (an asynchronous invocation of itself), so a full
 * refresh can outlast the 15-minute limit.
 */
export function makeRefreshHandler(deps: {
  run: (state: RefreshState, deadline: number) => Promise<RefreshResult>;
  continueWith: (event: RefreshEvent, context: Context) => Promise<void>;
  logger: Observability['logger'];
}) {
  return async (event: unknown, context: Context): Promise<RefreshResult> => {
    const { mode, state } = refreshEventSchema.parse(event);
    const remaining = context.getRemainingTimeInMillis();
    // a step always gets some time, so a continuation chain always progresses
    const deadline = Date.now() + Math.max(remaining - safetyMs, remaining / 2);
    const result = await deps.run(state ?? startState(mode), deadline);
    deps.logger.info('related refresh step', { ...result.state, done: result.done });
    if (!result.done) await deps.continueWith({ mode, state: result.state }, context);
    return result;
  };
}

/** Continues a job by invoking this same function asynchronously with the next event. */
export const invokeSelf =
  (lambda: LambdaClient) =>
  async (event: RefreshEvent, context: Context): Promise<void> => {
    await lambda.send(
      new InvokeCommand({
        FunctionName: context.invokedFunctionArn,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
  };
