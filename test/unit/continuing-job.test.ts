import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../scripts/local/lambda-context.js';
import { continuingJob } from '../../shared/jobs/continuing-job.js';
import * as z from '../../shared/zod.js';

const counterEvent = z.object({ done: z.number().check(z.int(), z.gte(0)) });
type CounterEvent = z.infer<typeof counterEvent>;

/** A job counting to 3, one per invocation, that records what it was given. */
function counter() {
  const deadlines: number[] = [];
  const continued: Array<{ next: CounterEvent; functionName: string }> = [];
  const handler = continuingJob<CounterEvent, string>({
    event: counterEvent,
    marginMs: 30_000,
    step: async ({ done }, deadline) => {
      deadlines.push(deadline);
      return done + 1 < 3 ? { result: 'continued', next: { done: done + 1 } } : { result: 'done' };
    },
    continueWith: async (next, context) => {
      continued.push({ next, functionName: context.functionName });
    },
  });
  return { handler, deadlines, continued };
}

const context = (remainingMs: number): Context =>
  createLambdaContext('job', 'eu-west-1', remainingMs);

describe('continuingJob', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands the next event to a fresh invocation of the same function until the job is done', async () => {
    const { handler, continued } = counter();
    expect(await handler({ done: 0 }, context(900_000))).toBe('continued');
    expect(continued).toEqual([{ next: { done: 1 }, functionName: 'job' }]);
    expect(await handler({ done: 2 }, context(900_000))).toBe('done');
    expect(continued).toHaveLength(1);
  });

  it('keeps the margin free, but always leaves a step half of the time left', async () => {
    const { handler, deadlines } = counter();
    await handler({ done: 0 }, context(900_000));
    await handler({ done: 0 }, context(40_000));
    const now = Date.now();
    expect(deadlines).toEqual([now + 870_000, now + 20_000]);
  });

  it('refuses an event it does not know, and continues nothing', async () => {
    const { handler, deadlines, continued } = counter();
    await expect(handler({ done: -1 }, context(900_000))).rejects.toThrow(z.core.$ZodError);
    await expect(handler('start', context(900_000))).rejects.toThrow(z.core.$ZodError);
    expect(deadlines).toEqual([]);
    expect(continued).toEqual([]);
  });
});
