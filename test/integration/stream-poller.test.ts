import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalAwsClientConfig, RunningMoto } from '../../scripts/local/moto.js';
import {
  type BatchInfo,
  type DiscardInfo,
  type StreamHandler,
  type StreamPoller,
  type StreamPollerOptions,
  startStreamPoller,
} from '../../scripts/local/stream-poller.js';
import { streamMappingSettings } from '../../shared/ingest/stream-mapping.js';
import { createStreamTable, uniqueName, useLocalAws } from '../helpers/local-aws.js';

// Not us-east-1: moto stamps every record with us-east-1, Lambda with the stream's region.
const REGION = 'eu-west-1';

let moto: RunningMoto;
let aws: LocalAwsClientConfig;
let dynamodb: DynamoDBClient;
const pollers: StreamPoller[] = [];

beforeAll(async () => {
  ({ moto, aws } = await useLocalAws(4591, REGION));
  dynamodb = new DynamoDBClient(aws);
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

afterAll(async () => {
  dynamodb?.destroy();
  await moto?.stop();
});

function poll(
  tableName: string,
  handler: StreamHandler,
  options: Partial<StreamPollerOptions> = {},
): StreamPoller {
  const poller = startStreamPoller({
    dynamodb: aws,
    tableName,
    handler,
    retryDelayMs: 5,
    pollIntervalMs: 50,
    log: () => {},
    ...options,
  });
  pollers.push(poller);
  return poller;
}

/** A handler that keeps every batch it is given; `respond` decides its answer per call. */
function recorder(
  respond: (records: DynamoDBRecord[], call: number) => DynamoDBBatchResponse | undefined = () =>
    undefined,
) {
  const calls: DynamoDBRecord[][] = [];
  const handler: StreamHandler = async (event) => {
    calls.push(event.Records);
    return respond(event.Records, calls.length);
  };
  return { calls, handler };
}

const keyOf = (record: DynamoDBRecord | undefined) => record?.dynamodb?.Keys?.id?.S;
const sequenceOf = (record: DynamoDBRecord | undefined) => record?.dynamodb?.SequenceNumber ?? '';
const sequencesOf = (records: DynamoDBRecord[] | undefined) => (records ?? []).map(sequenceOf);

async function newTable(label: string): Promise<{ tableName: string; streamArn: string }> {
  const tableName = uniqueName(label);
  return { tableName, streamArn: await createStreamTable(dynamodb, tableName) };
}

async function put(tableName: string, item: Record<string, AttributeValue>): Promise<void> {
  await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

async function putIds(tableName: string, ids: string[]): Promise<void> {
  for (const id of ids) await put(tableName, { id: { S: id } });
}

describe('startStreamPoller', () => {
  it('delivers INSERT, MODIFY and REMOVE as genuine Lambda DynamoDB stream events', async () => {
    const { tableName, streamArn } = await newTable('shape');
    const blob = new Uint8Array([0, 1, 254, 255]);
    await put(tableName, {
      id: { S: 'a' },
      title: { S: 'First' },
      version: { N: '1' },
      tags: { SS: ['cgm', 'pump'] },
      thumbnail: { B: blob },
      meta: { M: { draft: { BOOL: true }, note: { NULL: true }, scores: { L: [{ N: '2.5' }] } } },
    });
    await put(tableName, { id: { S: 'b' }, version: { N: '1' } });
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { id: { S: 'a' } },
        UpdateExpression: 'SET title = :title, version = :version',
        ExpressionAttributeValues: { ':title': { S: 'Second' }, ':version': { N: '2' } },
      }),
    );
    await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: { id: { S: 'a' } } }));
    const { calls, handler } = recorder();

    await poll(tableName, handler).drain();

    const records = calls.flat();
    const [insert, , modify, remove] = records;
    expect(records.map((record) => [keyOf(record), record.eventName])).toEqual([
      ['a', 'INSERT'],
      ['b', 'INSERT'],
      ['a', 'MODIFY'],
      ['a', 'REMOVE'],
    ]);
    const firstImage = {
      id: { S: 'a' },
      title: { S: 'First' },
      version: { N: '1' },
      tags: { SS: ['cgm', 'pump'] },
      thumbnail: { B: 'AAH+/w==' },
      meta: { M: { draft: { BOOL: true }, note: { NULL: true }, scores: { L: [{ N: '2.5' }] } } },
    };
    expect(insert).toStrictEqual({
      eventID: expect.stringMatching(/^\w+$/),
      eventName: 'INSERT',
      eventVersion: expect.any(String),
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { id: { S: 'a' } },
        NewImage: firstImage,
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArn,
    });
    const created = insert?.dynamodb?.ApproximateCreationDateTime ?? 0;
    expect(Number.isInteger(created)).toBe(true);
    expect(Math.abs(created - Date.now() / 1000)).toBeLessThan(120);
    expect(modify?.dynamodb?.OldImage).toEqual(firstImage);
    expect(modify?.dynamodb?.NewImage).toMatchObject({
      title: { S: 'Second' },
      version: { N: '2' },
    });
    expect(remove?.dynamodb).toMatchObject({
      Keys: { id: { S: 'a' } },
      OldImage: { version: { N: '2' } },
    });
    expect(remove?.dynamodb).not.toHaveProperty('NewImage');
    // Plain JSON all the way down, as Lambda delivers it: no Uint8Array, Date or undefined fields.
    expect(JSON.parse(JSON.stringify(records))).toStrictEqual(records);
  });

  it('hands over every record once, in stream order, in batches of at most batchSize', async () => {
    const { tableName } = await newTable('order');
    const ids = Array.from({ length: 23 }, (_, index) => `k${index % 3}`);
    const { calls, handler } = recorder();
    const poller = poll(tableName, handler, { batchSize: 7 });

    for (const [version, id] of ids.entries()) {
      await put(tableName, { id: { S: id }, version: { N: String(version) } });
    }
    await poller.drain();

    const records = calls.flat();
    expect(calls.every((batch) => batch.length >= 1 && batch.length <= 7)).toBe(true);
    expect(records.map(keyOf)).toEqual(ids);
    expect(records.map((record) => record.dynamodb?.NewImage?.version?.N)).toEqual(
      ids.map((_, version) => String(version)),
    );
    const sequences = sequencesOf(records).map(BigInt);
    expect(sequences.every((sequence, i) => i === 0 || sequence > (sequences[i - 1] ?? 0n))).toBe(
      true,
    );
  });

  it('re-delivers from the lowest reported batchItemFailure onward', async () => {
    const { tableName } = await newTable('partial');
    await putIds(tableName, ['r0', 'r1', 'r2', 'r3', 'r4']);
    const { calls, handler } = recorder((records, call) =>
      call === 1
        ? {
            batchItemFailures: [
              { itemIdentifier: sequenceOf(records[3]) },
              { itemIdentifier: sequenceOf(records[1]) },
            ],
          }
        : undefined,
    );

    await poll(tableName, handler, { batchSize: 10 }).drain();

    expect(calls.map((batch) => batch.map(keyOf))).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4'],
      ['r1', 'r2', 'r3', 'r4'],
    ]);
    expect(sequencesOf(calls[1])).toEqual(sequencesOf(calls[0]).slice(1));
  });

  it.each([
    ['an empty', ''],
    ['a null', null],
    ['an unknown', '4711'],
  ])('fails the whole batch on %s itemIdentifier', async (_, itemIdentifier) => {
    const { tableName } = await newTable('bad-id');
    await putIds(tableName, ['r0', 'r1', 'r2']);
    const { calls, handler } = recorder((_, call) =>
      call === 1
        ? ({ batchItemFailures: [{ itemIdentifier }] } as DynamoDBBatchResponse)
        : undefined,
    );

    await poll(tableName, handler, { bisectBatchOnFunctionError: false }).drain();

    expect(calls).toHaveLength(2);
    expect(sequencesOf(calls[1])).toEqual(sequencesOf(calls[0]));
  });

  it('retries the same batch when the handler throws', async () => {
    const { tableName } = await newTable('throw');
    await putIds(tableName, ['r0', 'r1', 'r2']);
    const batches: BatchInfo[] = [];
    const { calls, handler } = recorder((_, call) => {
      if (call === 1) throw new Error('OpenSearch unavailable');
      return undefined;
    });

    await poll(tableName, handler, {
      bisectBatchOnFunctionError: false,
      onBatch: (info) => batches.push(info),
    }).drain();

    expect(sequencesOf(calls[1])).toEqual(sequencesOf(calls[0]));
    expect(batches.map(({ records, failed, attempt }) => ({ records, failed, attempt }))).toEqual([
      { records: 3, failed: true, attempt: 1 },
      { records: 3, failed: false, attempt: 2 },
    ]);
  });

  it('discards a batch after maximumRetryAttempts and moves on to the next records', async () => {
    const { tableName } = await newTable('poison');
    await putIds(tableName, ['poison', 'after']);
    const discarded: DiscardInfo[] = [];
    const { calls, handler } = recorder((records) => {
      if (records.some((record) => keyOf(record) === 'poison')) throw new Error('cannot index');
      return undefined;
    });

    await poll(tableName, handler, {
      batchSize: 1,
      maximumRetryAttempts: 2,
      onDiscard: (info) => discarded.push(info),
    }).drain();

    expect(calls.map((batch) => batch.map(keyOf))).toEqual([
      ['poison'],
      ['poison'],
      ['poison'],
      ['after'],
    ]);
    expect(discarded).toHaveLength(1);
    expect(discarded[0]).toMatchObject({
      batchSize: 1,
      attempts: 3,
      reason: expect.stringContaining('cannot index'),
      startSequenceNumber: sequenceOf(calls[0]?.[0]),
      endSequenceNumber: sequenceOf(calls[0]?.[0]),
    });
    expect(discarded[0]?.records.map(keyOf)).toEqual(['poison']);
  });

  it.each([
    ['when asked to', { maximumRetryAttempts: 2, bisectBatchOnFunctionError: true }],
    // Lambda DG: "Splitting a batch does not count towards the retry quota"
    [
      'even with no retries, since a split is not a retry',
      { maximumRetryAttempts: 0, bisectBatchOnFunctionError: true },
    ],
    ['by default, as the deployed mapping does', {}],
  ])(
    'bisects a failing batch so that only the poison record is discarded, %s',
    async (_, options) => {
      const { tableName } = await newTable('bisect');
      await putIds(tableName, ['g1', 'g2', 'poison', 'g3']);
      const succeeded: string[] = [];
      const discarded: DiscardInfo[] = [];
      const handler: StreamHandler = async (event) => {
        if (event.Records.some((record) => keyOf(record) === 'poison'))
          throw new Error('cannot index');
        succeeded.push(...event.Records.map((record) => keyOf(record) ?? ''));
      };

      expect(streamMappingSettings.dev.bisectBatchOnError).toBe(true);
      await poll(tableName, handler, {
        ...options,
        onDiscard: (info) => discarded.push(info),
      }).drain();

      expect(succeeded).toEqual(['g1', 'g2', 'g3']);
      expect(discarded.map((info) => info.records.map(keyOf))).toEqual([['poison']]);
    },
  );

  it("discards records older than the deployed mapping's maximum record age, unhandled", async () => {
    const maxAgeMs = streamMappingSettings.dev.maxRecordAgeSeconds * 1000;
    const { tableName } = await newTable('record-age');
    await putIds(tableName, ['old1', 'old2']);
    // the clock says an hour and a minute later: both records have outlived the maximum age
    const { calls, handler } = recorder();
    const discarded: DiscardInfo[] = [];
    await poll(tableName, handler, {
      clock: () => Date.now() + maxAgeMs + 60_000,
      onDiscard: (info) => discarded.push(info),
    }).drain();
    expect(calls).toEqual([]);
    expect(discarded).toHaveLength(1);
    expect(discarded[0]).toMatchObject({
      batchSize: 2,
      attempts: 0,
      reason: 'maximum record age exceeded',
    });
    expect(discarded[0]?.records.map(keyOf)).toEqual(['old1', 'old2']);

    // a minute short of the maximum age, they are handed over
    const young = await newTable('record-age-young');
    await putIds(young.tableName, ['young1', 'young2']);
    const kept = recorder();
    await poll(young.tableName, kept.handler, {
      clock: () => Date.now() + maxAgeMs - 60_000,
      onDiscard: (info) => discarded.push(info),
    }).drain();
    expect(kept.calls.flat().map(keyOf)).toEqual(['young1', 'young2']);
    expect(discarded).toHaveLength(1);
  });

  it('ignores batchItemFailures when the mapping does not report them, as Lambda does', async () => {
    const { tableName } = await newTable('no-report');
    await putIds(tableName, ['r0', 'r1']);
    const { calls, handler } = recorder((records) => ({
      batchItemFailures: [{ itemIdentifier: sequenceOf(records[0]) }],
    }));
    await poll(tableName, handler, { reportBatchItemFailures: false }).drain();
    expect(calls.map((batch) => batch.map(keyOf))).toEqual([['r0', 'r1']]);
  });

  it('starts after the existing records with startingPosition LATEST', async () => {
    const { tableName } = await newTable('latest');
    await putIds(tableName, ['before']);
    const { calls, handler } = recorder();
    const poller = poll(tableName, handler, { startingPosition: 'LATEST' });
    await poller.drain();

    await putIds(tableName, ['after']);
    await poller.drain();

    expect(calls.flat().map(keyOf)).toEqual(['after']);
  });

  it('keeps receiving writes after moto cancels a transaction', async () => {
    const { tableName } = await newTable('txn');
    const { calls, handler } = recorder();
    const poller = poll(tableName, handler);
    await putIds(tableName, ['a']);
    await poller.drain();

    const cancelled = dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { id: { S: 'a' } },
              ConditionExpression: 'attribute_not_exists(id)',
            },
          },
        ],
      }),
    );
    await expect(cancelled).rejects.toThrow(/cancel/i);
    await putIds(tableName, ['b']);
    await poller.drain();

    expect(calls.flat().map(keyOf)).toEqual(['a', 'b']);
  });

  it('rejects drain() when the records are not handled in time', async () => {
    const { tableName } = await newTable('slow');
    await putIds(tableName, ['r0']);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const poller = poll(tableName, () => released);

    await expect(poller.drain(300)).rejects.toThrow(/did not drain/);
    release();
    await poller.drain();
  });

  it('refuses unbounded retries', () => {
    expect(() => poll('any', async () => {}, { maximumRetryAttempts: -1 })).toThrow(RangeError);
    expect(() => poll('any', async () => {}, { maximumRecordAgeSeconds: 59 })).toThrow(RangeError);
  });
});
