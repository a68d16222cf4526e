import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import { type LocalOpenSearch, startOpenSearch } from '../../scripts/local/opensearch.js';
import { repoRoot } from '../../scripts/local/repo-root.js';
import type { BatchInfo, DiscardInfo, StreamPoller } from '../../scripts/local/stream-poller.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { createOpenSearchClient, type OpenSearchClient } from '../../shared/clients/opensearch.js';
import { sqsDeadLetters } from '../../shared/ingest/dead-letters.js';
import { indexStreamBatch } from '../../shared/ingest/index-stream-batch.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { pollArticleStream } from '../helpers/article-stream.js';
import { indexSnapshot, tableSnapshot, waitUntil } from '../helpers/index-snapshot.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

// This file stops and restarts OpenSearch, so it runs a node of its own (port in the indexing
// range, own data directory) instead of the shared one, and builds the indexer core against it.
const port = 9287;
const dataDir = join(repoRoot, '.local', 'test-tmp', `indexing-outage-${process.pid}`);

describe('index-stream during an OpenSearch outage', () => {
  let stack: TestStack;
  let node: LocalOpenSearch;
  let client: OpenSearchClient;
  let poller: StreamPoller;
  let store: ArticleStore;
  let stopDuringNextBatch = false;
  const batches: BatchInfo[] = [];
  const responses: DynamoDBBatchResponse[] = [];
  const discarded: DiscardInfo[] = [];
  // what the indexer's two hooks were given, as `id@version`, one array per call
  const writing: string[][] = [];
  const indexed: string[][] = [];
  const keysOf = (writes: ReadonlyArray<{ id: string; version: number }>) =>
    writes.map((w) => `${w.id}@${w.version}`);

  const startNode = async () => {
    vi.stubEnv('OPENSEARCH_URL', undefined); // start a node, not reuse the shared one
    try {
      return await startOpenSearch({ port, dataDir, heapMb: 512, log: () => {} });
    } finally {
      vi.unstubAllEnvs();
    }
  };

  beforeAll(async () => {
    stack = await createTestStack('outage');
    node = await startNode();
    client = createOpenSearchClient({ openSearch: { url: node.url, auth: 'none' }, region: 'x' });
    const admin = new IndexAdmin(client, stack.config.indexAlias);
    await admin.ensureLive();
    const deps = {
      client,
      admin,
      deadLetters: sqsDeadLetters(stack.sqs, stack.config.deadLetterQueueUrl as string),
      retry: { attempts: 3, baseDelayMs: 100 },
      onWriting: async (changes: ReadonlyArray<{ id: string; version: number }>) => {
        writing.push(keysOf(changes));
      },
      onIndexed: async (writes: ReadonlyArray<{ id: string; version: number }>) => {
        indexed.push(keysOf(writes));
      },
    };
    poller = pollArticleStream(stack, {
      // Lambda would keep retrying the failed batch; enough attempts to outlast a node restart.
      maximumRetryAttempts: 500,
      handler: async (event) => {
        if (stopDuringNextBatch) {
          stopDuringNextBatch = false;
          await node.stop(); // the node goes away while this batch is being handled
        }
        const { batchItemFailures } = await indexStreamBatch(event.Records, deps);
        responses.push({ batchItemFailures });
        return { batchItemFailures };
      },
      onBatch: (info) => batches.push(info),
      onDiscard: (info) => discarded.push(info),
    });
    store = new ArticleStore(stack.documents, stack.config.articlesTable);
  });

  afterAll(async () => {
    await poller?.stop();
    await client?.close();
    await node?.stop();
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.log`, { force: true });
  });

  it('reports the batch failed, retries it once OpenSearch is back, and loses nothing', async () => {
    const articles = [...generateArticles(12, 3)];
    for (const article of articles.slice(0, 8)) await store.put(article);
    await poller.drain(30_000);
    expect(batches.every((b) => !b.failed)).toBe(true);

    stopDuringNextBatch = true;
    for (const article of articles.slice(0, 4)) await store.put({ ...article, title: 'Revised' });
    for (const article of articles.slice(8)) await store.put(article);
    await store.delete(articles[5]?.id as string);
    await waitUntil(async () => batches.filter((b) => b.failed).length >= 2, {
      timeoutMs: 30_000,
      what: 'the batch fails and is retried while OpenSearch is down',
    });
    const failure = responses.find((r) => r.batchItemFailures.length > 0);
    expect(failure?.batchItemFailures).toHaveLength(1);

    node = await startNode();
    await poller.drain(120_000);

    expect(discarded).toEqual([]);
    const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
    expect(Object.keys(table)).toHaveLength(12);
    expect(await indexSnapshot(client, stack.config.indexAlias)).toEqual(table);
    const queue = await stack.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack.config.deadLetterQueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    expect(queue.Attributes?.ApproximateNumberOfMessages).toBe('0');

    // onWriting was given the revisions on the failed attempts too, onIndexed only once written
    const revised = `${articles[0]?.id}@2`;
    expect(writing.filter((call) => call.includes(revised)).length).toBeGreaterThanOrEqual(2);
    expect(indexed.filter((call) => call.includes(revised))).toHaveLength(1);
    const passedToWriting = new Set(writing.flat());
    expect(indexed.flat().filter((key) => !passedToWriting.has(key))).toEqual([]);
  });
});
