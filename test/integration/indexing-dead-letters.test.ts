import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import { localAwsClientConfig } from '../../scripts/local/moto.js';
import {
  type BatchInfo,
  type StreamHandler,
  startStreamPoller,
} from '../../scripts/local/stream-poller.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import type { DeadLetter } from '../../shared/indexing/dead-letters.js';
import { indexSnapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

// A record the index can never take must not block its shard: it goes, whole and with the
// reason, to the dead-letter queue, and the rest of its batch is indexed in the same invocation.
describe('index-stream dead letters', () => {
  let stack: TestStack;
  const batches: BatchInfo[] = [];
  const poisonId = 'poison-invalid-date';

  beforeAll(async () => {
    stack = await createTestStack('dead-letters');
    const store = new ArticleStore(stack.documents, stack.config.articlesTable);
    const [first, ...rest] = [...generateArticles(6, 5)];
    for (const article of rest) await store.put(article);
    // Written straight to DynamoDB, bypassing the API's validation: 13th month, 45th day.
    await stack.documents.send(
      new PutCommand({
        TableName: stack.config.articlesTable,
        Item: {
          ...first,
          id: poisonId,
          publishedAt: '2025-13-45',
          version: 1,
          updatedAt: new Date().toISOString(),
        },
      }),
    );
    const indexer = (await import('../../functions/index-stream/handler.js')) as {
      handler: StreamHandler;
    };
    // Started after the writes, so all six records arrive in one batch.
    const poller = startStreamPoller({
      dynamodb: localAwsClientConfig(stack.env.AWS_ENDPOINT_URL as string, stack.config.region),
      tableName: stack.config.articlesTable,
      handler: indexer.handler as (e: DynamoDBStreamEvent) => ReturnType<StreamHandler>,
      onBatch: (info) => batches.push(info),
      log: () => {},
    });
    await poller.drain(30_000);
    await poller.stop();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('sends the poison record with its error to the queue and indexes the rest of its batch', async () => {
    expect(batches).toEqual([expect.objectContaining({ records: 6, failed: false, attempt: 1 })]);

    const received = await stack.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.config.deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(received.Messages).toHaveLength(1);
    const message = received.Messages?.[0];
    expect(message?.MessageAttributes?.articleId?.StringValue).toBe(poisonId);
    const letter = JSON.parse(message?.Body ?? '{}') as DeadLetter;
    expect(letter.id).toBe(poisonId);
    expect(letter.error).toContain('publishedAt');
    expect(letter.record.eventName).toBe('INSERT');
    expect(letter.record.dynamodb?.NewImage?.publishedAt?.S).toBe('2025-13-45');
    expect(letter.sequenceNumber).toBe(letter.record.dynamodb?.SequenceNumber);

    const { [poisonId]: poison, ...valid } = await tableSnapshot(
      stack.documents,
      stack.config.articlesTable,
    );
    expect(poison).toBe('v1');
    expect(Object.keys(valid)).toHaveLength(5);
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(valid);
  });
});
