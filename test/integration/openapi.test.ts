import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArticleId } from '../../scripts/local/fixtures.js';
import { apiRoutes } from '../../shared/api-routes.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { openApiDocument } from '../../shared/openapi/document.js';
import type { SearchResponse } from '../../shared/search/search-response.js';
import { type ApiResponse, type SearchStack, startSearchStack } from '../helpers/search-stack.js';

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
const document = JSON.parse(JSON.stringify(openApiDocument)) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
// a CommonJS module: its plugin is also its `default`
ajvFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

/** JSON pointer escaping of one path segment. */
const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks a real response against the document: its status is documented for the operation, its
 * content type is the documented one, and its body is valid against the documented schema.
 */
function expectDocumented(path: string, method: string, res: ApiResponse) {
  const operation = document.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const response = operation?.responses[String(res.status)];
  expect(response, `${method} ${path} documents status ${res.status}`).toBeDefined();
  const mediaTypes = Object.keys(response?.content ?? {});
  if (mediaTypes.length === 0) {
    expect(res.body).toBeNull();
    return;
  }
  const contentType = res.headers.get('content-type')?.split(';')[0] ?? '';
  expect(mediaTypes).toContain(contentType);
  const ref = `openapi.json#/paths/${pointer(path)}/${method}/responses/${res.status}/content/${pointer(contentType)}/schema`;
  const validate = ajv.compile({ $ref: ref });
  const valid = validate(res.body);
  expect(validate.errors ?? [], `${method} ${path} ${res.status} body matches the schema`).toEqual(
    [],
  );
  expect(valid).toBe(true);
}

describe('the OpenAPI document, checked against real responses', () => {
  let api: SearchStack;
  const adminHeaders = () => ({
    authorization: `Bearer ${api.stack.adminToken}`,
    'content-type': 'application/json',
  });

  beforeAll(async () => {
    api = await startSearchStack('openapi');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('serves the document at GET /openapi.json, describing every public route', async () => {
    const res = await api.get<typeof document>('/openapi.json');
    expectDocumented('/openapi.json', 'get', res);
    expect(res.body).toEqual(document);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'put', 'delete', 'post'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('holds schemas that are valid JSON Schema 2020-12 under ajv strict mode', () => {
    const strict = new Ajv2020({ allErrors: true, strict: true });
    ajvFormats.default(strict);
    const defs = JSON.parse(
      JSON.stringify(openApiDocument.components.schemas).replaceAll(
        '#/components/schemas/',
        '#/$defs/',
      ),
    ) as Record<string, unknown>;
    strict.addSchema({ $id: 'components.json', $defs: defs });
    for (const name of Object.keys(defs)) {
      expect(() => strict.compile({ $ref: `components.json#/$defs/${name}` }), name).not.toThrow();
    }
  });

  it('describes GET /search responses: results, facets, cursor pages and errors', async () => {
    const query = {
      q: 'autoimunity',
      tags: ['autoimmunity', 'no-such-tag'],
      tagsMode: 'any',
      source: 'diabetes care',
      pageSize: 3,
    };
    const first = await api.get<SearchResponse>('/search', query);
    expect(first.body.hits.length).toBeGreaterThan(0);
    expectDocumented('/search', 'get', first);
    const next = await api.get<SearchResponse>('/search', {
      ...query,
      cursor: first.body.nextCursor ?? undefined,
    });
    expectDocumented('/search', 'get', next);
    expectDocumented(
      '/search',
      'get',
      await api.get('/search', { sort: 'newest', evidenced: 'false' }),
    );
    expectDocumented('/search', 'get', await api.get('/search', { q: 'teplizumab zeppelinology' }));
    expectDocumented('/search', 'get', await api.get('/search', { pageSize: 0, sort: 'x' }));
  });

  it('describes GET /suggest responses', async () => {
    const res = await api.get('/suggest', { q: 'exerc' });
    expectDocumented('/suggest', 'get', res);
    expectDocumented('/suggest', 'get', await api.get('/suggest', { q: '' }));
    expectDocumented('/suggest', 'get', await api.get('/suggest', { q: 'x'.repeat(200) }));
  });

  it('describes GET /articles/{id}/related responses', async () => {
    const res = await api.get<{ items: unknown[] }>(`/articles/${seedArticleId}/related`, {
      limit: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expectDocumented('/articles/{id}/related', 'get', res);
    expectDocumented(
      '/articles/{id}/related',
      'get',
      await api.get('/articles/no-such-article/related'),
    );
    expectDocumented(
      '/articles/{id}/related',
      'get',
      await api.get(`/articles/${seedArticleId}/related`, { limit: 'many' }),
    );
  });

  it('describes the admin PUT, GET and DELETE /articles/{id} responses', async () => {
    const seed = api.articles.find((a) => a.id === seedArticleId) as ArticleInput;
    const id = 'openapi-contract-article';
    const { id: _, ...body } = { ...seed, id };
    const path = '/articles/{id}';
    const put = (headers: Record<string, string>, payload: unknown = body) =>
      api.request('PUT', `/articles/${id}`, { headers, body: payload });

    const created = await put(adminHeaders());
    expect(created.status).toBe(201);
    expectDocumented(path, 'put', created);
    const replaced = await put({
      ...adminHeaders(),
      'if-match': created.headers.get('etag') ?? '',
    });
    expect(replaced.status).toBe(200);
    expectDocumented(path, 'put', replaced);
    expectDocumented(path, 'put', await put({ ...adminHeaders(), 'if-match': '"1"' }));
    expectDocumented(path, 'put', await put(adminHeaders(), { ...body, title: '' }));
    expectDocumented(path, 'put', await put({ 'content-type': 'application/json' }));
    expectDocumented(path, 'put', await put({ ...adminHeaders(), authorization: 'Bearer wrong' }));

    expectDocumented(
      path,
      'get',
      await api.request('GET', `/articles/${id}`, { headers: adminHeaders() }),
    );
    const removed = await api.request('DELETE', `/articles/${id}`, { headers: adminHeaders() });
    expect(removed.status).toBe(204);
    expectDocumented(path, 'delete', removed);
    expectDocumented(
      path,
      'get',
      await api.request('GET', `/articles/${id}`, { headers: adminHeaders() }),
    );
    expectDocumented(
      path,
      'delete',
      await api.request('DELETE', `/articles/${id}`, { headers: adminHeaders() }),
    );
  });
});
