import { createLambdaContext } from './lambda-context.js';

export interface LocalJob {
  name: string;
  everyMs: number;
  event: unknown;
  handler: (event: unknown, context: ReturnType<typeof createLambdaContext>) => Promise<unknown>;
}

/** Lambda's maximum timeout: a scheduled job gets the same time budget as on AWS. */
const jobTimeoutMs = 15 * 60_000;

/**
 * Stands in for the EventBridge schedules: invokes each job's handler on its interval, never two
 * runs of one job at once (a run still going when the next is due is skipped, not queued).
 */
export function startLocalSchedules(jobs: LocalJob[], region: string, log: (line: string) => void) {
  const timers = jobs.map((job) => {
    let running = false;
    return setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await job.handler(job.event, createLambdaContext(job.name, region, jobTimeoutMs));
      } catch (error) {
        log(`scheduled ${job.name} failed: ${(error as Error).message}`);
      } finally {
        running = false;
      }
    }, job.everyMs);
  });
  return { stop: () => timers.forEach(clearInterval) };
}
