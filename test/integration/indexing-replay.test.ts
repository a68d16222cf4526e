import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, type SeededRandom } from '../../scripts/fixtures/seeded-random.js';
import { generateArticles } from '../../scripts/generate-articles.js';
import { createLambdaContext } from '../../scripts/local/lambda-context.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { pollArticleStream } from '../helpers/article-stream.js';
import { indexSnapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

type StreamLambda = (
  event: { Records: DynamoDBRecord[] },
  context: unknown,
) => Promise<DynamoDBBatchResponse>;

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// Lambda may deliver stream records more than once and, on retries, out of order. Genuine records
// captured from the table's stream are replayed through the index-stream function duplicated,
// shuffled and reversed: versions alone must decide, so the index ends equal to the table.
describe('index-stream replay', () => {
  let stack: TestStack;
  let captured: DynamoDBRecord[];
  let removed: { id: string; version: number };
  const touched = new Set<string>();

  beforeAll(async () => {
    stack = await createTestStack('replay');
    const store = new ArticleStore(stack.documents, stack.config.articlesTable);
    const random = createRandom(20261125);
    // Short bodies: this is about versions and order, and analysis cost grows with the text.
    const articles = [...generateArticles(30, 11)].map((a) => ({
      ...a,
      sections: [{ heading: 'Summary', body: a.summary }],
    }));
    const live = new Set<string>();
    for (let op = 0; op < 320; op++) {
      const article = random.pick(articles);
      touched.add(article.id);
      if (live.has(article.id) && random.chance(0.25)) {
        await store.delete(article.id);
        live.delete(article.id);
      } else {
        // a put on a deleted id re-creates it above its tombstone
        await store.put({ ...article, title: `${article.title} (edit ${op})` });
        live.add(article.id);
      }
    }
    // One delete outside the API: a REMOVE record, indexed as a tombstone above the old version.
    const victim = [...live][0] as string;
    const before = await store.get(victim);
    await stack.documents.send(
      new DeleteCommand({ TableName: stack.config.articlesTable, Key: { id: victim } }),
    );
    removed = { id: victim, version: (before?.version ?? 0) + 1 };

    captured = [];
    const poller = pollArticleStream(stack, {
      batchSize: 1000,
      handler: async (event) => {
        captured.push(...event.Records);
      },
    });
    await poller.drain(60_000);
    await poller.stop();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('ends equal to the table, ids and versions, however often and in whatever order records come', async () => {
    const kinds = new Set(captured.map((r) => r.eventName));
    expect(captured.length).toBeGreaterThanOrEqual(320);
    expect(kinds).toEqual(new Set(['INSERT', 'MODIFY', 'REMOVE']));

    const { handler } = (await import('../../functions/index-stream/handler.js')) as {
      handler: StreamLambda;
    };
    const random = createRandom(7);
    const deliveries = [
      [...captured].reverse(), // newest first: every older write must then lose
      shuffled(captured, random),
      captured,
      shuffled([...captured, ...captured.slice(0, 150)], random),
    ].flat();
    for (let start = 0; start < deliveries.length; ) {
      const size = random.int(1, 120);
      const batch = deliveries.slice(start, start + size);
      start += size;
      const context = createLambdaContext('index-stream', stack.config.region, 60_000);
      const response = await handler({ Records: batch }, context);
      expect(response.batchItemFailures).toEqual([]);
    }

    const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
    const index = await indexSnapshot(stack.openSearch, stack.config.indexAlias);
    expect(Object.keys(table)).toHaveLength(touched.size - 1);
    expect(Object.values(table).some((v) => v.endsWith('+deleted'))).toBe(true);
    expect(index).toEqual({ ...table, [removed.id]: `v${removed.version}+deleted` });
  });
});
