import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureArticles } from '../../scripts/local/fixtures.js';
import { startGateway } from '../../scripts/local/gateway.js';
import { loadApiRoutes } from '../../scripts/local/routes.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { importArticles } from '../../shared/articles/article-import.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import type { StoredEmbedding } from '../../shared/articles/stored-article.js';
import { runReindex } from '../../shared/ingest/reindex.js';
import { createObservability } from '../../shared/observability.js';
import { makeArticleEmbedder } from '../../shared/semantic/article-embedding.js';
import { embeddingText } from '../../shared/semantic/article-text.js';
import { backfillVectors } from '../../shared/semantic/backfill-vectors.js';
import { type Embedder, loadEmbedder } from '../../shared/semantic/embedder.js';
import { loadSemantic } from '../../shared/semantic/load-semantic.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { cosine, decodeVector } from '../../shared/semantic/vector-codec.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { failingEmbedder } from '../helpers/failing-embedder.js';
import { waitUntil } from '../helpers/index-snapshot.js';
import { createTestStack, reindexDepsOf, type TestStack } from '../helpers/test-stack.js';

// Article vectors on the real stack: computed by the articles function on write, stored in
// DynamoDB, carried into OpenSearch by the stream indexer and the reindex without the model.
describe('semantic vectors: articles function → DynamoDB → stream → OpenSearch', () => {
  let stack: TestStack;
  let poller: StreamPoller;
  let stopGateway: () => Promise<void>;
  let url: string;
  let fixtures: ArticleInput[];
  let embedder: Embedder;

  const put = (article: ArticleInput) =>
    fetch(`${url}/articles/${article.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(article),
    });
  const storedItem = async (id: string) =>
    (
      await stack.documents.send(
        new GetCommand({ TableName: stack.config.articlesTable, Key: { id } }),
      )
    ).Item as { version: number; embedding?: StoredEmbedding } | undefined;
  /** The indexed document's version and vector, once the stream delivered `version`. */
  const indexed = async (id: string, version: number, index = stack.config.indexAlias) => {
    let found: { embedding?: StoredEmbedding } | undefined;
    await waitUntil(
      async () => {
        const res = await stack.openSearch.search({
          index,
          body: { query: { term: { id } }, version: true },
        });
        const hit = res.body.hits.hits[0] as
          | { _version: number; _source: { embedding?: StoredEmbedding } }
          | undefined;
        found = hit?._version === version ? hit._source : undefined;
        return found !== undefined;
      },
      { timeoutMs: 10_000, what: `${id} v${version} indexed` },
    );
    return found?.embedding;
  };

  beforeAll(async () => {
    stack = await createTestStack('semantic-indexing');
    const gateway = await startGateway({ port: 0, routes: await loadApiRoutes(), log: () => {} });
    url = gateway.url;
    stopGateway = gateway.stop;
    poller = pollArticleStream(stack, { handler: await loadIndexStreamHandler() });
    fixtures = await loadFixtureArticles();
    embedder = await loadEmbedder(stack.config.semanticModelDir as string, semanticModel);
  });

  afterAll(async () => {
    await poller?.stop();
    await stopGateway?.();
    await stack?.close();
  });

  it('stores the vector of the written article with it and indexes it unchanged', async () => {
    const article = fixtures[0] as ArticleInput;
    expect((await put(article)).status).toBe(201);

    const item = await storedItem(article.id);
    expect(item?.embedding?.model).toBe(semanticModel.name);
    const stored = decodeVector(item?.embedding?.vector ?? '', semanticModel.dimensions);
    const [fresh] = await embedder.embed([embeddingText(article)], 'passage');
    expect(cosine(stored as Float32Array, fresh as Float32Array)).toBeGreaterThan(0.99);
    expect(await indexed(article.id, 1)).toEqual(item?.embedding);
  });

  it('keeps the vector while the embedded text is unchanged and recomputes it when it changes', async () => {
    const article = fixtures[1] as ArticleInput;
    await put(article);
    const first = (await storedItem(article.id))?.embedding;

    await put({ ...article, readTimeMinutes: article.readTimeMinutes + 1 });
    expect((await storedItem(article.id))?.embedding).toEqual(first);

    await put({ ...article, summary: 'Islet autoantibodies predict type 1 diabetes in children.' });
    const changed = await storedItem(article.id);
    expect(changed?.embedding?.hash).not.toBe(first?.hash);
    expect(changed?.embedding?.vector).not.toBe(first?.vector);
    expect(await indexed(article.id, 3)).toEqual(changed?.embedding);
  });

  it('backfills imported articles once, keeps vectors on an unchanged re-import, and the reindex carries them', async () => {
    const batch = fixtures.slice(2, 6);
    await importArticles(stack.documents, stack.config.articlesTable, batch);
    expect((await storedItem(batch[0]?.id as string))?.embedding).toBeUndefined();

    const store = new ArticleStore(
      stack.documents,
      stack.config.articlesTable,
      makeArticleEmbedder(embedder, (error) => {
        throw error;
      }),
    );
    const deps = {
      db: stack.documents,
      tableName: stack.config.articlesTable,
      store,
      model: semanticModel.name,
    };
    const first = await backfillVectors(deps);
    expect(first).toMatchObject({ embedded: batch.length, skipped: 0 });
    expect((await backfillVectors(deps)).embedded).toBe(0);

    await importArticles(stack.documents, stack.config.articlesTable, batch);
    const reimported = await storedItem(batch[0]?.id as string);
    expect(reimported?.version).toBe(3);
    expect(reimported?.embedding?.model).toBe(semanticModel.name);
    expect(await indexed(batch[0]?.id as string, 3)).toEqual(reimported?.embedding);

    await poller.drain(10_000);
    const report = await runReindex(reindexDepsOf(stack), { abandonAfterMs: 0 });
    expect(report.status).toBe('promoted');
    expect(await indexed(batch[0]?.id as string, 3)).toEqual(reimported?.embedding);
  });

  it('writes articles without a vector, never failing, when the model cannot run', async () => {
    const failures: unknown[] = [];
    const store = new ArticleStore(
      stack.documents,
      stack.config.articlesTable,
      makeArticleEmbedder(failingEmbedder, (error) => failures.push(error)),
    );
    const article = fixtures[7] as ArticleInput;
    const { article: written } = await store.put(article);
    expect(written.version).toBe(1);
    expect((await storedItem(article.id))?.embedding).toBeUndefined();
    expect(failures).toHaveLength(1);

    const missing = await loadSemantic(
      '/nonexistent/model',
      createObservability('test', { metricsNamespace: 'Type1Cure' }),
    );
    expect(missing).toBeUndefined();
    expect(
      await loadSemantic(undefined, createObservability('test', { metricsNamespace: 'Type1Cure' })),
    ).toBeUndefined();
  });
});
