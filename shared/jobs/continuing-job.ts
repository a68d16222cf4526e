import type { Context } from 'aws-lambda';
import type * as z from '../zod.js';

/** What one invocation of a job did, and the event that continues it when it is not done. */
export interface JobStep<TEvent, TResult> {
  result: TResult;
  next?: TEvent;
}

export interface ContinuingJob<TEvent, TResult> {
  /** The events a schedule, a deployment or a continuation sends; anything else is refused. */
  event: z.ZodMiniType<TEvent>;
  /** Kept free at the end of an invocation for the hand-over (at most half the time left). */
  marginMs: number;
  /** Works until `deadline` (epoch ms); returns `next` when the job must go on. */
  step: (event: TEvent, deadline: number) => Promise<JobStep<TEvent, TResult>>;
  /** Hands `next` to a fresh invocation of this function: `selfInvoker(lambda)` (checks the 202). */
  continueWith: (next: TEvent, context: Pick<Context, 'functionName'>) => Promise<void>;
}

/**
 * The shell of every job that may outlast Lambda's 15-minute limit (the reindex, the related
 * refresh): validates the event, gives the step a deadline before the invocation's own, and
 * continues the job in a new asynchronous invocation of the function when the step is not done.
 */
export function continuingJob<TEvent, TResult>(job: ContinuingJob<TEvent, TResult>) {
  return async (event: unknown, context: Context): Promise<TResult> => {
    const parsed = job.event.parse(event);
    const remaining = context.getRemainingTimeInMillis();
    // a step always gets some time, so a continuation chain always progresses
    const deadline = Date.now() + Math.max(remaining - job.marginMs, remaining / 2);
    const { result, next } = await job.step(parsed, deadline);
    if (next !== undefined) await job.continueWith(next, context);
    return result;
  };
}
