import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureArticles, seedArticleId } from '../../scripts/local/fixtures.js';
import { type RouteHandler, startGateway } from '../../scripts/local/gateway.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { makeArticleRoute } from '../../shared/articles/article-route.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import type { Config } from '../../shared/config.js';
import type { HttpEvent } from '../../shared/http.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { findVisible, tableSnapshot, waitUntil } from '../helpers/index-snapshot.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

// The write path end to end: HTTP → gateway → articles function → DynamoDB → stream → poller →
// index-stream function → OpenSearch, read back from the read alias as the search API would.
describe('articles API → stream → search', () => {
  let stack: TestStack;
  let poller: StreamPoller;
  let stopGateway: () => Promise<void>;
  let url: string;
  let seed: ArticleInput;

  const request = (
    method: string,
    id: string,
    {
      body,
      headers = {},
      token,
    }: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
  ) =>
    fetch(`${url}/articles/${id}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token ?? stack.adminToken}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const visible = (id: string) => findVisible(stack.openSearch, stack.config.indexAlias, id);

  beforeAll(async () => {
    stack = await createTestStack('articles-api');
    const articles = (await import('../../functions/articles/handler.js')) as {
      handler: RouteHandler;
    };
    const indexer = await loadIndexStreamHandler();
    const gateway = await startGateway({
      port: 0,
      routes: ['PUT', 'GET', 'DELETE'].map((method) => ({
        method: method as 'PUT' | 'GET' | 'DELETE',
        path: '/articles/{id}',
        handler: articles.handler,
      })),
      log: () => {},
    });
    url = gateway.url;
    stopGateway = gateway.stop;
    poller = pollArticleStream(stack, {
      handler: indexer,
    });
    const fixtures = await loadFixtureArticles();
    seed = fixtures.find((a) => a.id === seedArticleId) as ArticleInput;
  });

  afterAll(async () => {
    await poller?.stop();
    await stopGateway?.();
    await stack?.close();
  });

  it('makes a created, updated, deleted and re-created article searchable within 5 s each', async () => {
    const id = seed.id;
    const created = await request('PUT', id, { body: seed });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(await created.json()).toMatchObject({ id, version: 1, title: seed.title });
    const createdMs = await waitUntil(async () => (await visible(id))?.version === 1, {
      timeoutMs: 5_000,
      what: 'the created article is searchable',
    });

    const retitled = { ...seed, title: 'Exercise and the immune system in type 1 diabetes' };
    const updated = await request('PUT', id, { body: retitled });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as { version: number }).version).toBe(2);
    const updatedMs = await waitUntil(async () => (await visible(id))?.title === retitled.title, {
      timeoutMs: 5_000,
      what: 'the update is searchable',
    });

    const deleted = await request('DELETE', id);
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('etag')).toBe('"3"');
    const deletedMs = await waitUntil(async () => (await visible(id)) === undefined, {
      timeoutMs: 5_000,
      what: 'the deleted article is gone from search',
    });
    expect((await request('GET', id)).status).toBe(404);
    expect((await request('DELETE', id)).status).toBe(404);

    // Re-created above its tombstone (v3), so the tombstone can never win over the new life.
    const recreated = await request('PUT', id, { body: seed });
    expect(recreated.status).toBe(201);
    expect(((await recreated.json()) as { version: number }).version).toBe(4);
    const recreatedMs = await waitUntil(async () => (await visible(id))?.version === 4, {
      timeoutMs: 5_000,
      what: 'the re-created article is searchable',
    });
    console.info(
      `write → searchable: create ${createdMs} ms, update ${updatedMs} ms, delete ${deletedMs} ms, re-create ${recreatedMs} ms`,
    );
  });

  it('answers 412 when If-Match names a version that is no longer current, and writes nothing', async () => {
    const id = 'if-match-article';
    expect((await request('PUT', id, { body: { ...seed, id } })).status).toBe(201);
    const v2 = await request('PUT', id, { body: { ...seed, id }, headers: { 'if-match': '"1"' } });
    expect(v2.status).toBe(200);

    const stale = await request('PUT', id, {
      body: { ...seed, id, title: 'A stale edit' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    const staleDelete = await request('DELETE', id, { headers: { 'if-match': '1' } });
    expect(staleDelete.status).toBe(412);

    const current = await request('GET', id);
    expect(current.headers.get('etag')).toBe('"2"');
    expect(((await current.json()) as { title: string }).title).toBe(seed.title);
  });

  it('rejects an invalid article with 400 problem+json naming each bad field, storing nothing', async () => {
    const id = 'invalid-article';
    const { title: _title, ...untitled } = seed;
    const res = await request('PUT', id, {
      body: {
        ...untitled,
        id,
        publishedAt: '2026-02-30',
        tags: ['Not A Slug'],
        readTimeMinutes: 0,
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { invalidParams: Array<{ field: string }> };
    expect(problem.invalidParams.map((p) => p.field).sort()).toEqual([
      'publishedAt',
      'readTimeMinutes',
      'tags.0',
      'title',
    ]);

    const mismatchedId = await request('PUT', id, { body: { ...seed, id: 'another-id' } });
    expect(mismatchedId.status).toBe(400);
    // a lone surrogate survives JSON, and DynamoDB refuses it (once a 503)
    const surrogate = await request('PUT', id, {
      body: { ...seed, id, summary: 'broken \ud800 text' },
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.headers.get('content-type')).toBe('application/problem+json');
    expect(
      ((await surrogate.json()) as { invalidParams: Array<{ field: string }> }).invalidParams,
    ).toEqual([{ field: 'summary', message: expect.any(String) }]);
    expect((await request('GET', id)).status).toBe(404);
    expect(await tableSnapshot(stack.documents, stack.config.articlesTable)).not.toHaveProperty(id);
  });

  it('answers 413 problem+json for a body over 400 KB, before reading it, storing nothing', async () => {
    const id = 'oversized-article';
    const fits = await request('PUT', id, {
      body: { ...seed, id, summary: 'x'.repeat(380_000) },
    });
    expect(fits.status).toBe(400); // within the byte limit: validated, and the summary is too long
    const res = await request('PUT', id, { body: { ...seed, id, summary: 'x'.repeat(410_000) } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toMatch(/at most 409600/);
    expect(await tableSnapshot(stack.documents, stack.config.articlesTable)).not.toHaveProperty(id);
  });

  it('answers 401 without credentials and 403 with a wrong token, writing nothing', async () => {
    const id = 'unauthorized-article';
    const anonymous = await request('PUT', id, { body: { ...seed, id }, token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const wrongToken = await request('PUT', id, { body: { ...seed, id }, token: 'x'.repeat(32) });
    expect(wrongToken.status).toBe(403);
    expect((await request('DELETE', seed.id, { token: null })).status).toBe(401);
    expect((await request('GET', id, { token: 'y'.repeat(32) })).status).toBe(403);

    expect(await tableSnapshot(stack.documents, stack.config.articlesTable)).not.toHaveProperty(id);
    expect((await request('GET', seed.id)).status).toBe(200);
  });

  it('in iam mode, answers 403 unless the event carries the IAM authorizer context', async () => {
    const routes = (admin: Config['admin']) =>
      httpHandler(
        makeArticleRoute({
          store: new ArticleStore(stack.documents, stack.config.articlesTable),
          admin,
        }),
        createObservability('articles-test', { metricsNamespace: 'Type1Cure' }),
      );
    const get = (
      admin: Config['admin'],
      context: Record<string, unknown>,
      headers: Record<string, string> = {},
    ) =>
      routes(admin)(
        {
          rawPath: `/articles/${seed.id}`,
          headers,
          pathParameters: { id: seed.id },
          requestContext: { http: { method: 'GET' }, ...context },
        } as unknown as HttpEvent,
        {} as Context,
      );
    const iam = { auth: 'iam' } as const;
    const caller = {
      iam: { accountId: '123456789012', userArn: 'arn:aws:iam::123456789012:user/editor' },
    };

    // API Gateway ran the IAM authorizer: its context names the caller
    expect((await get(iam, { authorizer: caller })).statusCode).toBe(200);
    for (const context of [
      {},
      { authorizer: {} },
      { authorizer: { iam: {} } },
      { authorizer: { lambda: {} } },
    ]) {
      const res = await get(iam, context, { authorization: `Bearer ${stack.adminToken}` });
      expect({ context, status: res.statusCode }).toEqual({ context, status: 403 });
      expect(res.headers?.['content-type']).toBe('application/problem+json');
    }
    // token mode (local) checks the bearer token, not the authorizer context
    const token = { auth: 'token', token: stack.adminToken } as const;
    expect((await get(token, {}, { authorization: `Bearer ${stack.adminToken}` })).statusCode).toBe(
      200,
    );
    expect((await get(token, { authorizer: caller })).statusCode).toBe(401);
  });

  it('repairs an article stored in an invalid form outside the API with a PUT', async () => {
    const id = 'stored-invalid';
    await stack.documents.send(
      new PutCommand({
        TableName: stack.config.articlesTable,
        Item: { ...seed, id, publishedAt: 'yesterday', version: 5, updatedAt: 'now' },
      }),
    );
    const broken = await request('GET', id);
    expect(broken.status).toBe(500);
    expect(((await broken.json()) as { detail: string }).detail).toContain('a PUT replaces it');

    const repaired = await request('PUT', id, { body: { ...seed, id } });
    expect(repaired.status).toBe(200);
    expect(repaired.headers.get('etag')).toBe('"6"');
    await waitUntil(async () => (await visible(id))?.version === 6, {
      timeoutMs: 5_000,
      what: 'the repaired article is searchable',
    });
  });

  it('keeps versions strictly increasing across updates, delete and re-creation', async () => {
    const id = 'version-history';
    const versions: number[] = [];
    const etag = (res: Response) => Number(res.headers.get('etag')?.replaceAll('"', ''));
    for (const step of ['PUT', 'PUT', 'DELETE', 'PUT', 'DELETE', 'PUT', 'PUT']) {
      const res = await request(step, id, step === 'PUT' ? { body: { ...seed, id } } : {});
      expect(res.status).toBeLessThan(300);
      versions.push(etag(res));
    }
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await waitUntil(async () => (await visible(id))?.version === 7, {
      timeoutMs: 5_000,
      what: 'the last version is searchable',
    });
  });
});
