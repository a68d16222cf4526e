import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import { type RunningGateway, startGateway } from '../../scripts/local/gateway.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { runReindex } from '../../shared/ingest/reindex.js';
import { adminApi } from '../helpers/admin-api.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { type FaultProxy, type ProxiedRequest, startFaultProxy } from '../helpers/fault-proxy.js';
import { indexSnapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, reindexDepsOf, type TestStack } from '../helpers/test-stack.js';

type RouteHandler = (event: unknown, context: Context) => Promise<unknown>;

/** DynamoDB's answer when a table's throughput is exceeded, as the service sends it. */
const throttled = {
  respond: {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: Buffer.from(
      JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded.',
      }),
    ),
  },
};

const operationOf = (request: ProxiedRequest) =>
  String(request.headers['x-amz-target'] ?? '').split('.')[1];

/**
 * A `_bulk` request with some items refused the way a busy node refuses them (429 rejected
 * execution, 503 unavailable): those items are taken out of the request, so they are really not
 * written, and put back into the response at their place.
 */
function partiallyFailedBulk(request: ProxiedRequest, refuse: (id: string) => number | undefined) {
  const lines = request.body
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
  const kept: string[] = [];
  const refused = new Map<number, number>();
  for (let i = 0; i < lines.length; i += 2) {
    const action = JSON.parse(lines[i] as string) as { index: { _id: string } };
    const status = refuse(action.index._id);
    if (status === undefined) kept.push(lines[i] as string, lines[i + 1] as string);
    else refused.set(i / 2, status);
  }
  if (refused.size === 0) return undefined;
  return {
    forward: Buffer.from(kept.length > 0 ? `${kept.join('\n')}\n` : ''),
    rewrite: (upstream: { status: number; headers: Record<string, string>; body: Buffer }) => {
      const real = kept.length > 0 ? JSON.parse(upstream.body.toString('utf8')) : { items: [] };
      const items: unknown[] = [];
      let next = 0;
      for (let i = 0; i < lines.length / 2; i++) {
        const status = refused.get(i);
        items.push(
          status === undefined
            ? real.items[next++]
            : {
                index: {
                  status,
                  error: {
                    type: status === 429 ? 'es_rejected_execution_exception' : 'unavailable',
                    reason: 'injected by the fault proxy',
                  },
                },
              },
        );
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ took: 1, errors: true, items })),
      };
    },
  };
}

describe('backend faults: throttling and partial bulk failures are retried, never half written', () => {
  let stack: TestStack;
  let dynamo: FaultProxy;
  let openSearch: FaultProxy;
  let gateway: RunningGateway;
  let poller: StreamPoller;
  /** How many more of each DynamoDB operation to throttle. */
  const throttle = new Map<string, number>();
  /** How many more times to refuse each document id in `_bulk`, and with which status. */
  const refuseBulk = new Map<string, number>();
  let injectedBulkFailures = 0;
  let injectedThrottles = 0;

  const request = adminApi(
    () => gateway.url,
    () => stack.adminToken,
  );
  const api = (method: string, id: string, body?: unknown) =>
    request(method, `/articles/${id}`, body);

  beforeAll(async () => {
    dynamo = await startFaultProxy(process.env.AWS_ENDPOINT_URL as string, (request) => {
      const operation = operationOf(request) ?? '';
      const left = throttle.get(operation) ?? 0;
      if (left <= 0) return undefined;
      throttle.set(operation, left - 1);
      injectedThrottles++;
      return throttled;
    });
    openSearch = await startFaultProxy(process.env.OPENSEARCH_URL as string, (request) => {
      if (request.method !== 'POST' || !request.path.startsWith('/_bulk')) return undefined;
      return partiallyFailedBulk(request, (id) => {
        const left = refuseBulk.get(id) ?? 0;
        if (left <= 0) return undefined;
        refuseBulk.set(id, left - 1);
        injectedBulkFailures++;
        return left % 2 === 0 ? 429 : 503;
      });
    });
    // every client of this file — the API and stream functions included — goes through the proxies
    process.env.AWS_ENDPOINT_URL = dynamo.url;
    process.env.OPENSEARCH_URL = openSearch.url;
    stack = await createTestStack('backend-faults');
    const articles = (await import('../../functions/articles/handler.js')) as {
      handler: RouteHandler;
    };
    gateway = await startGateway({
      port: 0,
      routes: (['PUT', 'GET', 'DELETE'] as const).map((method) => ({
        method,
        path: '/articles/{id}',
        handler: articles.handler as never,
      })),
      log: () => {},
    });
    poller = pollArticleStream(stack, {
      handler: await loadIndexStreamHandler(),
      maximumRetryAttempts: 100,
    });
  });

  afterAll(async () => {
    await poller?.stop();
    await gateway?.stop();
    await stack?.close();
    await dynamo?.stop();
    await openSearch?.stop();
  });

  it('retries a throttled write (SDK backoff with jitter) and answers as if nothing happened', async () => {
    const [article] = [...generateArticles(1, 41)];
    const { id, ...body } = article as NonNullable<typeof article>;
    throttle.set('PutItem', 2);
    const before = injectedThrottles;
    const res = await api('PUT', id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(injectedThrottles - before).toBe(2);
    expect((await tableSnapshot(stack.documents, stack.config.articlesTable))[id]).toBe('v1');
  });

  it('answers a clear 503 problem once throttling outlasts the retries, writing nothing', async () => {
    const [article] = [...generateArticles(1, 42)];
    const { id, ...body } = article as NonNullable<typeof article>;
    throttle.set('PutItem', 1_000);
    const res = await api('PUT', id, body);
    throttle.set('PutItem', 0);
    expect(res.status).toBe(503);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, detail: 'The article store is unavailable.' });
    expect(await tableSnapshot(stack.documents, stack.config.articlesTable)).not.toHaveProperty(id);
    expect((await api('PUT', id, body)).status).toBe(201); // and the editor's retry goes through
  });

  it('indexes every stream record although the node refuses some bulk items with 429 and 503', async () => {
    const articles = [...generateArticles(12, 43)];
    for (const article of articles.slice(0, 6)) refuseBulk.set(article.id, 2);
    const store = new ArticleStore(stack.documents, stack.config.articlesTable);
    const before = injectedBulkFailures;
    for (const article of articles) await store.put(article);
    await store.delete(articles[0]?.id as string);
    await poller.drain(120_000);
    expect(injectedBulkFailures - before).toBeGreaterThanOrEqual(12);
    const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(table);
  });

  it('rebuilds the index through throttled scans and refused bulk items, or fails leaving it be', async () => {
    const deps = reindexDepsOf(stack);
    const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
    throttle.set('Scan', 2);
    for (const id of Object.keys(table).slice(0, 5)) refuseBulk.set(id, 2);
    await runReindex({ ...deps, retry: { attempts: 5, baseDelayMs: 50 } });
    expect(throttle.get('Scan')).toBe(0);
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(table);

    const live = await stack.admin.liveGeneration();
    throttle.set('Scan', 1_000);
    await expect(runReindex(deps)).rejects.toThrow();
    throttle.set('Scan', 0);
    expect(await stack.admin.liveGeneration()).toEqual(live);
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(table);
  });
});
