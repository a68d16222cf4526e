/**
 * The local stand-in for Lambda's DynamoDB Streams event source mapping: reads the table's stream
 * through the real DynamoDB Streams API (moto locally) and hands genuine `DynamoDBStreamEvent`s to
 * the same handler CDK deploys, with ReportBatchItemFailures semantics, bounded retries,
 * bisection, a maximum record age and an on-failure discard, one batch at a time per shard
 * (dev's parallelization factor of 1), shards in parent-child order. Unless a caller overrides
 * them, the settings are the dev stage's mapping CDK deploys (shared/ingest/stream-mapping.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as SdkAttributeValue,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  AttributeValue as LambdaAttributeValue,
} from 'aws-lambda';
import { backoffMs } from '../../shared/backoff.js';
import { describeError } from '../../shared/errors.js';
import { streamMappingSettings } from '../../shared/ingest/stream-mapping.js';
import { createLambdaContext } from './lambda-context.js';
import type { LocalAwsClientConfig } from './moto.js';

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
  // biome-ignore lint/suspicious/noConfusingVoidType: as in DynamoDBStreamHandler, success may return nothing
) => Promise<DynamoDBBatchResponse | void>;

export interface BatchInfo {
  records: number;
  failed: boolean;
  /** 1 for the first delivery of these records, 2 for the first retry, ... */
  attempt: number;
  durationMs: number;
}

/** What Lambda sends to an on-failure destination, plus the records themselves for local debugging. */
export interface DiscardInfo {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  attempts: number;
  reason: string;
  records: DynamoDBRecord[];
}

/** Mapping settings left out default to the deployed dev mapping's (stream-mapping.ts). */
export interface StreamPollerOptions {
  dynamodb: LocalAwsClientConfig;
  tableName: string;
  handler: StreamHandler;
  /** Records per invocation, 1..10000 like Lambda. */
  batchSize?: number;
  /** How long to gather records before invoking with a partial batch. */
  maximumBatchingWindowMs?: number;
  /** Retries of a failing batch before it is discarded, 0..10000 (never unbounded). */
  maximumRetryAttempts?: number;
  /** Split a batch in half after a handler error, so a poison record ends up alone. */
  bisectBatchOnFunctionError?: boolean;
  /**
   * Records older than this (by ApproximateCreationDateTime) are discarded, never handed over:
   * -1 (no limit) or 60..604800 like Lambda.
   */
  maximumRecordAgeSeconds?: number;
  /** Read `batchItemFailures` from the handler's answer (otherwise only a throw fails a batch). */
  reportBatchItemFailures?: boolean;
  /** Epoch ms now, against which record ages are measured. Default Date.now. */
  clock?: () => number;
  /** Delay before the first retry; doubles per retry up to 2 s. Default 100. */
  retryDelayMs?: number;
  /** Idle wait between polls of a caught-up stream. Default 250 (Lambda polls 4 times a second). */
  pollIntervalMs?: number;
  /** Where to start on shards that exist at start-up. Default TRIM_HORIZON. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Lambda function timeout reflected by `context.getRemainingTimeInMillis()`. Default 60 s. */
  functionTimeoutMs?: number;
  onBatch?: (info: BatchInfo) => void;
  onDiscard?: (info: DiscardInfo) => void;
  log?: (line: string) => void;
}

export interface StreamPoller {
  stop(): Promise<void>;
  /**
   * Resolves when every record written to the table before the call has been handed to the handler
   * and succeeded or been discarded. Rejects after `timeoutMs` (default 60 s).
   */
  drain(timeoutMs?: number): Promise<void>;
}

const STREAM_FUNCTION_NAME = 'index-stream-local';
/** The local stack is the dev stage. */
const deployed = streamMappingSettings.dev;

const GET_RECORDS_LIMIT = 1000;
const MAX_RETRY_DELAY_MS = 2_000;
/**
 * An idle shard iterator older than this is replaced. moto swaps a table object for a copy when a
 * transaction is cancelled, and iterators taken before then never see later writes (the
 * transaction test fails without this), so this bounds how late such writes arrive.
 */
const ITERATOR_REFRESH_MS = 1_000;
const SHARD_REFRESH_MS = 10_000;
/** Pause between sweeps that fetched nothing new but are not caught up (batching window, retries). */
const WAITING_PAUSE_MS = 20;

/** Starts polling at once; call `stop()` to end it. */
export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const poller = new ShardPollingLoop(opts);
  return { stop: () => poller.stop(), drain: (timeoutMs) => poller.drain(timeoutMs) };
}

type Position =
  | { type: 'TRIM_HORIZON' }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

interface ShardState {
  shardId: string;
  parentShardId: string | undefined;
  /** Just after the last record fetched, so a new iterator never re-reads buffered records. */
  position: Position;
  iterator: string | undefined;
  /** When the current iterator chain came from GetShardIterator (sweep number and clock). */
  iteratorSweep: number;
  iteratorAt: number;
  buffer: DynamoDBRecord[];
  bufferedAt: number;
  closed: boolean;
}

type Progress = 'busy' | 'waiting' | 'idle';

type Outcome =
  | { kind: 'success' }
  | { kind: 'partial'; failedIndex: number }
  | { kind: 'error'; reason: string };

interface DrainWaiter {
  fromSweep: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

class ShardPollingLoop {
  private readonly dynamodb: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private readonly region: string;
  private readonly batchSize: number;
  private readonly windowMs: number;
  private readonly maxRetries: number;
  private readonly bisect: boolean;
  /** Infinity when records never expire. */
  private readonly maxRecordAgeMs: number;
  private readonly reportsItemFailures: boolean;
  private readonly clock: () => number;
  private readonly log: (line: string) => void;
  private streamArn: string | undefined;
  private readonly shards = new Map<string, ShardState>();
  private shardsRefreshedAt = Number.NEGATIVE_INFINITY;
  private describeDue = true;
  /** startingPosition applies to the shards of the first successful listing only. */
  private startingPositionApplied = false;
  private sweep = 0;
  /** Iterators acquired before this sweep are replaced when idle: a drain needs fresh proof. */
  private freshIteratorsFrom = 0;
  private drains: DrainWaiter[] = [];
  private stopped = false;
  private wake = new AbortController();
  private readonly running: Promise<void>;

  constructor(private readonly opts: StreamPollerOptions) {
    this.batchSize = bounded('batchSize', opts.batchSize ?? deployed.batchSize, 1, 10_000);
    this.windowMs = bounded(
      'maximumBatchingWindowMs',
      opts.maximumBatchingWindowMs ?? deployed.maxBatchingWindowSeconds * 1000,
      0,
      300_000,
    );
    this.maxRetries = bounded(
      'maximumRetryAttempts',
      opts.maximumRetryAttempts ?? deployed.retryAttempts,
      0,
      10_000,
    );
    this.bisect = opts.bisectBatchOnFunctionError ?? deployed.bisectBatchOnError;
    const maxAge = opts.maximumRecordAgeSeconds ?? deployed.maxRecordAgeSeconds;
    this.maxRecordAgeMs =
      maxAge === -1
        ? Number.POSITIVE_INFINITY
        : bounded('maximumRecordAgeSeconds', maxAge, 60, 604_800) * 1000;
    this.reportsItemFailures = opts.reportBatchItemFailures ?? deployed.reportBatchItemFailures;
    this.clock = opts.clock ?? Date.now;
    this.region = opts.dynamodb.region;
    this.log = opts.log ?? console.log;
    this.dynamodb = new DynamoDBClient(opts.dynamodb);
    this.streams = new DynamoDBStreamsClient(opts.dynamodb);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort();
    await this.running;
    for (const waiter of this.drains.splice(0)) waiter.reject(new Error('stream poller stopped'));
    this.dynamodb.destroy();
    this.streams.destroy();
  }

  drain(timeoutMs = 60_000): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('stream poller is stopped'));
    const fromSweep = this.sweep + 1;
    this.freshIteratorsFrom = fromSweep;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drains = this.drains.filter((waiter) => waiter !== entry);
        reject(
          new Error(`stream poller did not drain ${this.opts.tableName} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const entry: DrainWaiter = {
        fromSweep,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.drains.push(entry);
      this.wake.abort();
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const progress = await this.pollOnce();
        if (progress === 'idle') await this.pause(this.opts.pollIntervalMs ?? 250);
        else if (progress === 'waiting') await this.pause(WAITING_PAUSE_MS);
      } catch (error) {
        this.log(`stream poller (${this.opts.tableName}): ${describeError(error)}; retrying`);
        this.describeDue = true; // the table or its stream may have been re-created
        await this.pause(1_000);
      }
    }
  }

  /**
   * One sweep over every readable shard: 'busy' when records came in, 'idle' when every shard is
   * caught up (which settles the drains that began before this sweep), 'waiting' otherwise.
   */
  private async pollOnce(): Promise<Progress> {
    const sweep = ++this.sweep;
    // While a drain waits, shards are listed afresh each sweep so that none can be missed.
    if (
      this.describeDue ||
      this.drains.length > 0 ||
      Date.now() - this.shardsRefreshedAt > SHARD_REFRESH_MS
    ) {
      await this.refreshShards();
    }
    let progress: Progress = 'idle';
    for (const shard of this.readableShards()) {
      if (this.stopped) return 'waiting';
      const shardProgress = await this.pollShard(shard, sweep);
      if (shardProgress === 'busy' || progress === 'idle') progress = shardProgress;
    }
    if (progress === 'idle') this.settleDrains(sweep);
    return progress;
  }

  private async refreshShards(): Promise<void> {
    const table = await this.dynamodb.send(
      new DescribeTableCommand({ TableName: this.opts.tableName }),
    );
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${this.opts.tableName} has no stream enabled`);
    if (this.streamArn !== undefined && streamArn !== this.streamArn) {
      this.log(
        `stream poller (${this.opts.tableName}): new stream ${streamArn}, reading it from the start`,
      );
      this.shards.clear();
    }
    this.streamArn = streamArn;
    for (const shard of await this.listShards(streamArn)) {
      if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
      // Shards born after start-up (children) are read from their start, as Lambda does.
      const position: Position =
        !this.startingPositionApplied && this.opts.startingPosition === 'LATEST'
          ? await this.endOf(streamArn, shard.ShardId)
          : { type: 'TRIM_HORIZON' };
      this.shards.set(shard.ShardId, {
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        position,
        iterator: undefined,
        iteratorSweep: 0,
        iteratorAt: 0,
        buffer: [],
        bufferedAt: 0,
        closed: false,
      });
    }
    this.shardsRefreshedAt = Date.now();
    this.describeDue = false;
    this.startingPositionApplied = true;
  }

  private async listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await this.streams.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  /** LATEST as a fixed position, so that re-acquiring an iterator later cannot skip records. */
  private async endOf(streamArn: string, shardId: string): Promise<Position> {
    let position: Position = { type: 'TRIM_HORIZON' };
    let iterator = await this.iteratorAt(streamArn, shardId, position);
    while (iterator) {
      const page = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }),
      );
      const last = page.Records?.at(-1)?.dynamodb?.SequenceNumber;
      if (!last) break;
      position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last };
      iterator = page.NextShardIterator;
    }
    return position;
  }

  /** Open shards, and closed ones with records left, whose parent (if still listed) is finished. */
  private readableShards(): ShardState[] {
    return [...this.shards.values()].filter((shard) => {
      if (isFinished(shard)) return false;
      const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
      return parent === undefined || isFinished(parent);
    });
  }

  /** Fetches one page and delivers what is due. */
  private async pollShard(shard: ShardState, sweep: number): Promise<Progress> {
    const streamArn = this.streamArn as string;
    if (!shard.iterator) {
      shard.iterator = await this.iteratorAt(streamArn, shard.shardId, shard.position);
      shard.iteratorSweep = sweep;
      shard.iteratorAt = Date.now();
    }
    let records: _Record[];
    try {
      const page = await this.streams.send(
        new GetRecordsCommand({
          ShardIterator: shard.iterator,
          Limit: Math.min(GET_RECORDS_LIMIT, Math.max(1, this.batchSize - shard.buffer.length)),
        }),
      );
      records = page.Records ?? [];
      shard.iterator = page.NextShardIterator;
      if (!page.NextShardIterator) shard.closed = true;
    } catch (error) {
      // Expired, trimmed or (in moto) unknown iterators: start a new chain from the last record.
      this.log(`stream poller (${shard.shardId}): GetRecords failed: ${describeError(error)}`);
      shard.iterator = undefined;
      this.describeDue = true;
      await this.pause(this.opts.retryDelayMs ?? 100);
      return 'waiting';
    }
    if (records.length > 0) {
      if (shard.buffer.length === 0) shard.bufferedAt = Date.now();
      shard.buffer.push(...records.map((record) => toLambdaRecord(record, streamArn, this.region)));
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) shard.position = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last };
    }
    const windowElapsed = Date.now() - shard.bufferedAt >= this.windowMs;
    while (
      shard.buffer.length > 0 &&
      (shard.buffer.length >= this.batchSize || shard.closed || windowElapsed) &&
      !this.stopped
    ) {
      await this.deliver(shard, shard.buffer.splice(0, this.batchSize));
    }
    if (records.length > 0) return 'busy';
    const stale =
      shard.iteratorSweep < this.freshIteratorsFrom ||
      Date.now() - shard.iteratorAt > ITERATOR_REFRESH_MS;
    if (stale && !shard.closed) {
      shard.iterator = undefined;
      return 'waiting';
    }
    return shard.buffer.length === 0 ? 'idle' : 'waiting';
  }

  private async iteratorAt(
    streamArn: string,
    shardId: string,
    position: Position,
  ): Promise<string | undefined> {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: position.type,
        SequenceNumber:
          position.type === 'AFTER_SEQUENCE_NUMBER' ? position.sequenceNumber : undefined,
      }),
    );
    return ShardIterator;
  }

  /**
   * Hands `records` to the handler until each has succeeded or been discarded. A handler error
   * retries the batch (halved first when bisecting, which is not counted as a retry); reported item failures checkpoint before the
   * lowest failed record and retry from there; after `maximumRetryAttempts` the batch is discarded,
   * and so are records past the maximum record age, before any attempt.
   */
  private async deliver(shard: ShardState, records: DynamoDBRecord[]): Promise<void> {
    let pending = records;
    let size = pending.length;
    let attempt = 1;
    while (pending.length > 0 && !this.stopped) {
      const expired = this.expiredPrefix(pending);
      if (expired > 0) {
        this.discard(shard, pending.slice(0, expired), attempt - 1, 'maximum record age exceeded');
        pending = pending.slice(expired);
        size = pending.length;
        attempt = 1;
        continue;
      }
      const batch = pending.slice(0, size);
      const outcome = await this.invoke(batch, attempt);
      if (outcome.kind === 'success') {
        pending = pending.slice(batch.length);
        size = pending.length;
        attempt = 1;
        continue;
      }
      const failedFrom = outcome.kind === 'partial' ? outcome.failedIndex : 0;
      const failing = batch.slice(failedFrom);
      pending = pending.slice(failedFrom);
      // Lambda DG (DynamoDB streams, error handling): "Splitting a batch does not count towards the
      // retry quota" — halving goes on regardless of maximumRetryAttempts, only retries count.
      const split = outcome.kind === 'error' && this.bisect && failing.length > 1;
      if (!split && attempt > this.maxRetries) {
        const reason =
          outcome.kind === 'error' ? outcome.reason : 'handler reported batch item failures';
        this.discard(shard, failing, attempt, reason);
        pending = pending.slice(failing.length);
        size = pending.length;
        attempt = 1;
        continue;
      }
      size = split ? Math.ceil(failing.length / 2) : failing.length;
      const delay = backoffMs(attempt, this.opts.retryDelayMs ?? 100, {
        maxMs: MAX_RETRY_DELAY_MS,
        jitter: false, // one poller per shard: nothing to spread out, and tests read the timing
      });
      if (!split) attempt += 1;
      await this.pause(delay);
    }
  }

  private async invoke(batch: DynamoDBRecord[], attempt: number): Promise<Outcome> {
    const started = performance.now();
    let outcome: Outcome;
    try {
      const context = createLambdaContext(
        STREAM_FUNCTION_NAME,
        this.region,
        this.opts.functionTimeoutMs ?? 60_000,
      );
      const response = await this.opts.handler({ Records: batch }, context);
      outcome = this.reportsItemFailures ? interpretResponse(response, batch) : { kind: 'success' };
    } catch (error) {
      outcome = { kind: 'error', reason: `handler threw: ${describeError(error)}` };
    }
    this.opts.onBatch?.({
      records: batch.length,
      failed: outcome.kind !== 'success',
      attempt,
      durationMs: performance.now() - started,
    });
    return outcome;
  }

  /** How many of `records`, from the first, are older than the maximum record age. */
  private expiredPrefix(records: DynamoDBRecord[]): number {
    const oldestKept = this.clock() - this.maxRecordAgeMs;
    const createdMs = (record: DynamoDBRecord) =>
      (record.dynamodb?.ApproximateCreationDateTime ?? Number.POSITIVE_INFINITY) * 1000;
    let count = 0;
    while (count < records.length && createdMs(records[count] as DynamoDBRecord) < oldestKept) {
      count++;
    }
    return count;
  }

  private discard(
    shard: ShardState,
    records: DynamoDBRecord[],
    attempts: number,
    reason: string,
  ): void {
    const info: DiscardInfo = {
      streamArn: this.streamArn as string,
      shardId: shard.shardId,
      startSequenceNumber: records[0]?.dynamodb?.SequenceNumber ?? '',
      endSequenceNumber: records.at(-1)?.dynamodb?.SequenceNumber ?? '',
      batchSize: records.length,
      attempts,
      reason,
      records,
    };
    this.log(
      `stream poller: discarded ${info.batchSize} record(s) ${info.startSequenceNumber}..${info.endSequenceNumber} after ${attempts} attempt(s): ${reason}`,
    );
    this.opts.onDiscard?.(info);
  }

  private settleDrains(sweep: number): void {
    const settled = this.drains.filter((waiter) => waiter.fromSweep <= sweep);
    this.drains = this.drains.filter((waiter) => waiter.fromSweep > sweep);
    for (const waiter of settled) waiter.resolve();
  }

  /** Sleeps, unless `stop()` or `drain()` wakes the loop first. */
  private async pause(ms: number): Promise<void> {
    if (this.stopped) return;
    if (this.wake.signal.aborted) this.wake = new AbortController();
    await sleep(ms, undefined, { signal: this.wake.signal }).catch(() => {});
  }
}

function isFinished(shard: ShardState): boolean {
  return shard.closed && shard.buffer.length === 0;
}

/**
 * Lambda's ReportBatchItemFailures contract: no response or an empty list is success; every
 * itemIdentifier must be the SequenceNumber of a record in the batch, otherwise the whole batch fails.
 */
function interpretResponse(response: unknown, batch: DynamoDBRecord[]): Outcome {
  if (response === undefined || response === null || typeof response !== 'object') {
    return { kind: 'success' };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) {
    return { kind: 'error', reason: 'batchItemFailures is not an array' };
  }
  if (failures.length === 0) return { kind: 'success' };
  let failedIndex = batch.length;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index =
      typeof id === 'string' && id !== ''
        ? batch.findIndex((record) => record.dynamodb?.SequenceNumber === id)
        : -1;
    if (index < 0) {
      return { kind: 'error', reason: `invalid itemIdentifier ${JSON.stringify(id)}` };
    }
    failedIndex = Math.min(failedIndex, index);
  }
  return { kind: 'partial', failedIndex };
}

/** A DynamoDB Streams API record in the exact JSON shape Lambda puts into `event.Records[]`. */
function toLambdaRecord(record: _Record, streamArn: string, region: string): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    // moto reports us-east-1 whatever the table's region; Lambda reports the stream's region.
    awsRegion: region,
    dynamodb: {
      ...(change.ApproximateCreationDateTime && {
        ApproximateCreationDateTime: Math.floor(
          change.ApproximateCreationDateTime.getTime() / 1000,
        ),
      }),
      ...(change.Keys && { Keys: toLambdaImage(change.Keys) }),
      ...(change.NewImage && { NewImage: toLambdaImage(change.NewImage) }),
      ...(change.OldImage && { OldImage: toLambdaImage(change.OldImage) }),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity && { userIdentity: record.userIdentity }),
  };
}

function toLambdaImage(
  image: Record<string, SdkAttributeValue>,
): Record<string, LambdaAttributeValue> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]),
  );
}

/** SDK v3 gives binary as Uint8Array; Lambda's JSON carries it base64-encoded. */
function toLambdaAttributeValue(value: SdkAttributeValue): LambdaAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  throw new Error(`unsupported attribute value: ${JSON.stringify(value)}`);
}

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
  return value;
}
