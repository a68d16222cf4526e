import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { OpenSearchClient } from '../clients/opensearch.js';
import { describeError } from '../errors.js';
import type { IndexAdmin } from '../search-index/index-admin.js';
import { type BulkRetryPolicy, bulkWriteWithRetries } from './bulk-write.js';
import type { DeadLetter, DeadLetterSink } from './dead-letters.js';
import { type IndexChange, toIndexChange } from './index-change.js';

type Write = Extract<IndexChange, { kind: 'write' }>;

export interface StreamBatchDeps {
  client: OpenSearchClient;
  admin: Pick<IndexAdmin, 'writeTargets'>;
  deadLetters: DeadLetterSink;
  retry: Omit<BulkRetryPolicy, 'sleep'>;
  /**
   * Started together with the bulk write, with every valid change of the batch before anyone
   * knows how its write ends, so that its own I/O (e.g. marking related lists for a refresh: a
   * DynamoDB write) overlaps the bulk request instead of following it. Only for work that stays
   * harmless when the write then fails (the batch is re-delivered and passes the change again),
   * is rejected (dead-lettered) or comes back stale (a replay).
   */
  onWriting?: (changes: readonly Write[]) => Promise<void>;
  /**
   * Called with the writes that changed the index (e.g. to refresh related lists); replays that
   * came back stale are left out, their newer version was already passed here.
   */
  onIndexed?: (writes: readonly Write[]) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

export interface StreamBatchStats {
  records: number;
  indexed: number;
  deleted: number;
  /** Older than what the index holds: replays, counted as success. */
  stale: number;
  retried: number;
  deadLettered: number;
  failed: number;
  bulkMs: number;
  /** The last retryable error seen, when the batch ends with failures. */
  lastError?: string;
}

/**
 * Indexes one stream batch with a single `_bulk` request per attempt. Retryable failures are
 * retried with backoff inside the invocation, then reported as the earliest failed sequence
 * number so Lambda re-delivers from there; records the index rejects go to the dead-letter sink
 * and do not block the shard.
 */
export async function indexStreamBatch(
  records: readonly DynamoDBRecord[],
  deps: StreamBatchDeps,
): Promise<DynamoDBBatchResponse & { stats: StreamBatchStats }> {
  const stats: StreamBatchStats = {
    records: records.length,
    indexed: 0,
    deleted: 0,
    stale: 0,
    retried: 0,
    deadLettered: 0,
    failed: 0,
    bulkMs: 0,
  };
  const letters: DeadLetter[] = [];
  const written: Write[] = [];
  const changes: Array<{ change: Write; record: DynamoDBRecord }> = [];
  let lastError = '';

  for (const record of records) {
    const change = toIndexChange(record);
    if (change.kind === 'invalid') {
      letters.push({
        id: change.id,
        sequenceNumber: change.sequenceNumber,
        error: change.reason,
        record,
      });
    } else {
      changes.push({ change, record });
    }
  }

  const writes = changes.map((c) => c.change);
  const [{ outcomes, retried, bulkMs }] = await Promise.all([
    bulkWriteWithRetries(deps.client, () => writeTargets(deps.admin), writes, {
      ...deps.retry,
      sleep: deps.sleep,
    }),
    writes.length > 0 && deps.onWriting?.(writes),
  ]);
  stats.retried = retried;
  stats.bulkMs = bulkMs;
  const pending: typeof changes = [];
  outcomes.forEach((outcome, i) => {
    const item = changes[i];
    if (!item) return;
    if (outcome.status === 'retryable') {
      lastError = outcome.error;
      pending.push(item);
    } else if (outcome.status === 'rejected') {
      letters.push({
        id: item.change.id,
        sequenceNumber: item.change.sequenceNumber,
        error: outcome.error,
        record: item.record,
      });
    } else if (outcome.status === 'stale') {
      // A replay: the index already holds this version or a newer one, nothing changed.
      stats.stale++;
    } else {
      if (item.change.document.deleted) stats.deleted++;
      else stats.indexed++;
      written.push(item.change);
    }
  });

  const failedSequences = pending.map((p) => p.change.sequenceNumber);
  if (letters.length > 0) {
    try {
      await deps.deadLetters.send(letters);
      stats.deadLettered = letters.length;
    } catch (error) {
      // Never drop a record: if the queue is unreachable, let Lambda retry the batch from it.
      lastError = describeError(error);
      failedSequences.push(...letters.map((l) => l.sequenceNumber));
    }
  }
  stats.failed = failedSequences.length;

  if (written.length > 0 && deps.onIndexed) await deps.onIndexed(written);

  const earliest = failedSequences.sort(compareSequenceNumbers)[0];
  if (earliest !== undefined) stats.lastError = lastError;
  return { batchItemFailures: earliest === undefined ? [] : [{ itemIdentifier: earliest }], stats };
}

/**
 * Targets are resolved on every attempt, never cached, and that makes a full reindex race-free:
 * a reindex marks its generation `building` before its scan starts, and the scan reads with
 * ConsistentRead. A batch that resolved its targets before the mark holds only records of writes
 * committed before the mark (a stream record exists only after its write commits), so the scan
 * sees those writes or newer ones; every later batch writes to the new generation itself. The
 * alias swap moves `write` and drops `building` in one atomic call, so a batch resolved on
 * either side of it still reaches the new generation. External versions make the order in which
 * scan and stream reach a key irrelevant.
 */
async function writeTargets(admin: StreamBatchDeps['admin']): Promise<readonly string[]> {
  const targets = await admin.writeTargets();
  if (targets.length === 0) throw new Error('no index behind the write alias');
  return targets;
}

/** Stream sequence numbers are decimal strings of up to 40 digits: compare as big integers. */
export const compareSequenceNumbers = (a: string, b: string): number => {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
