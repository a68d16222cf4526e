/**
 * The article stream's event source mapping: how Lambda hands DynamoDB stream records to the
 * index-stream function. One definition for the CDK construct (infra/constructs/stream-indexer.ts)
 * and the local stream poller (scripts/local/stream-poller.ts), so the local stack and the tests
 * exercise what production runs. Per stage; the local stack runs dev's.
 */
export interface StreamMappingSettings {
  /** Records per invocation (Lambda's BatchSize). */
  batchSize: number;
  /** How long to gather records before invoking with a partial batch. */
  maxBatchingWindowSeconds: number;
  /** Split a batch in two after a function error, so a poison record ends up alone. */
  bisectBatchOnError: boolean;
  /** Bounded, so one poison batch cannot block a shard for the stream's whole 24 h retention. */
  retryAttempts: number;
  /** Records older than this are discarded to the on-failure destination instead of handled. */
  maxRecordAgeSeconds: number;
  /** The function answers `batchItemFailures`; a retry starts at the lowest failed record. */
  reportBatchItemFailures: boolean;
  /** Concurrent batches per shard (1–10); order per partition key is kept at any value. */
  parallelizationFactor: number;
}

export const streamMappingSettings = {
  dev: {
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    bisectBatchOnError: true,
    retryAttempts: 3,
    maxRecordAgeSeconds: 3_600,
    reportBatchItemFailures: true,
    parallelizationFactor: 1,
  },
  prod: {
    batchSize: 200,
    maxBatchingWindowSeconds: 2,
    bisectBatchOnError: true,
    retryAttempts: 10,
    maxRecordAgeSeconds: 6 * 3_600,
    reportBatchItemFailures: true,
    parallelizationFactor: 2,
  },
} as const satisfies Record<'dev' | 'prod', StreamMappingSettings>;
