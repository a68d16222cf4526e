import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import type { BatchInfo } from '../../scripts/local/stream-poller.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import type { DeadLetter } from '../../shared/ingest/dead-letters.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { indexSnapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

// A record the index can never take must not block its shard: it goes, whole and with the
// reason, to the dead-letter queue, and the rest of its batch is indexed in the same invocation.
describe('index-stream dead letters', () => {
  let stack: TestStack;
  const batches: BatchInfo[] = [];
  const poisonId = 'poison-invalid-date';
  const hugeId = 'poison-huge-body';

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
    // Too long for the schema and, with its stream images, for one SQS message.
    await stack.documents.send(
      new PutCommand({
        TableName: stack.config.articlesTable,
        Item: {
          ...first,
          id: hugeId,
          sections: [{ heading: 'Everything', body: 'insulin '.repeat(40_000) }],
          version: 1,
          updatedAt: new Date().toISOString(),
        },
      }),
    );
    const indexer = await loadIndexStreamHandler();
    // Started after the writes, so all seven records arrive in one batch.
    const poller = pollArticleStream(stack, {
      handler: indexer,
      onBatch: (info) => batches.push(info),
    });
    await poller.drain(30_000);
    await poller.stop();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('sends poison records with their errors to the queue and indexes the rest of their batch', async () => {
    expect(batches).toEqual([expect.objectContaining({ records: 7, failed: false, attempt: 1 })]);

    const received = await stack.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.config.deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    const letters = new Map(
      (received.Messages ?? []).map((m) => {
        const letter = JSON.parse(m.Body ?? '{}') as DeadLetter;
        expect(m.MessageAttributes?.articleId?.StringValue).toBe(letter.id);
        return [letter.id, letter];
      }),
    );
    expect([...letters.keys()].sort()).toEqual([hugeId, poisonId]);

    const letter = letters.get(poisonId);
    expect(letter?.error).toContain('publishedAt');
    expect(letter?.record.eventName).toBe('INSERT');
    expect(letter?.record.dynamodb?.NewImage?.publishedAt?.S).toBe('2025-13-45');
    expect(letter?.sequenceNumber).toBe(letter?.record.dynamodb?.SequenceNumber);
    expect(letter?.imagesOmitted).toBeUndefined();

    // Over SQS's size limit with its images: sent without them, keys and sequence number kept.
    const huge = letters.get(hugeId);
    expect(huge?.error).toContain('sections');
    expect(huge?.imagesOmitted).toBe(true);
    expect(huge?.record.dynamodb?.NewImage).toBeUndefined();
    expect(huge?.record.dynamodb?.Keys?.id?.S).toBe(hugeId);

    const {
      [poisonId]: poison,
      [hugeId]: hugeVersion,
      ...valid
    } = await tableSnapshot(stack.documents, stack.config.articlesTable);
    expect([poison, hugeVersion]).toEqual(['v1', 'v1']);
    expect(Object.keys(valid)).toHaveLength(5);
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(valid);
  });
});
