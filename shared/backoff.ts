/** Waits `ms` milliseconds: the default wherever a `sleep` can be passed in (tests pass their own). */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export interface BackoffOptions {
  /** Never wait longer than this (before jitter). */
  maxMs?: number;
  /**
   * Draw the wait between half and all of the exponential delay ("equal jitter"), so callers
   * that failed together (shards, scan segments, containers) do not retry in step. Off only for
   * a wait that nothing else competes for (default on).
   */
  jitter?: boolean;
}

/**
 * How long to wait before retry number `retry` (1 for the first retry): `baseMs` doubled on each
 * retry, capped at `maxMs`, with jitter. The one backoff of the project: DynamoDB unprocessed
 * items, bulk writes, the reindex and its verification, the local stream poller.
 */
export function backoffMs(
  retry: number,
  baseMs: number,
  { maxMs = Number.POSITIVE_INFINITY, jitter = true }: BackoffOptions = {},
): number {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return jitter ? delay * (0.5 + Math.random() / 2) : delay;
}
