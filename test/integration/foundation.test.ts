import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureArticles, seedArticleId } from '../../scripts/local/fixtures.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

describe('foundation: DynamoDB stream → poller → indexer → OpenSearch', () => {
  let stack: TestStack;
  let poller: StreamPoller;
  const delivered: DynamoDBStreamEvent[] = [];

  beforeAll(async () => {
    stack = await createTestStack('foundation');
    const indexer = await loadIndexStreamHandler();
    poller = pollArticleStream(stack, {
      handler: async (event, context) => {
        delivered.push(event);
        return indexer(event, context);
      },
      log: console.log,
    });
  });

  afterAll(async () => {
    await poller?.stop();
    await stack?.close();
  });

  it('indexes the seed article written to DynamoDB and finds it by a stemmed word of its body', async () => {
    const seed = (await loadFixtureArticles()).find((a) => a.id === seedArticleId);
    if (!seed) throw new Error(`fixture ${seedArticleId} is missing`);
    const store = new ArticleStore(stack.documents, stack.config.articlesTable);
    await store.put(seed);
    await poller.drain(30_000);

    const record = delivered
      .flatMap((e) => e.Records)
      .find((r) => r.dynamodb?.Keys?.id?.S === seedArticleId);
    expect(record?.eventName).toBe('INSERT');
    expect(record?.eventSource).toBe('aws:dynamodb');
    expect(record?.dynamodb?.NewImage?.title?.S).toBe(seed.title);

    await stack.openSearch.indices.refresh({ index: stack.config.indexAlias });
    const res = await stack.openSearch.search({
      index: stack.config.indexAlias,
      body: {
        query: {
          bool: {
            must: { match: { body: 'exercising' } },
            filter: { term: { deleted: false } },
          },
        },
      },
    });
    const ids = (res.body.hits.hits as Array<{ _id: string }>).map((h) => h._id);
    expect(ids).toContain(seedArticleId);
    expect(seed.sections.some((s) => /\bexercising\b/i.test(s.body))).toBe(false);
  });
});
