import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../infra/bundling.js';
import { seedArticleId } from '../../scripts/local/fixtures.js';

import {
  type Route,
  type RouteHandler,
  type RunningGateway,
  startGateway,
} from '../../scripts/local/gateway.js';
import { apiRoutes } from '../../shared/api-routes.js';
import type { SearchResponse } from '../../shared/search/search-response.js';
import { type SearchStack, startSearchStack } from '../helpers/search-stack.js';

/** The functions a reader's request loads, whose bundles leave the most out (infra/lean-bundle.ts). */
const requestPath = ['search', 'suggest', 'related'] as const;

/**
 * The request path's functions as deployed: their minified bundles, stubs and all, behind a
 * second local gateway, must answer every request exactly as the source modules do (status,
 * headers that matter, body), answers and problem details alike.
 */
describe('the bundled search, suggest and related functions on the real local stack', () => {
  let api: SearchStack;
  let bundled: RunningGateway;
  let dir: string;

  beforeAll(async () => {
    api = await startSearchStack('bundles');
    dir = mkdtempSync(path.join(tmpdir(), 'bundles-'));
    const routes: Route[] = [];
    for (const route of apiRoutes) {
      const entry = requestPath.find((name) => name === route.entry);
      if (!entry) continue;
      const options = bundleOptions(entry, path.join(dir, entry));
      await build({ ...options, logLevel: 'error' });
      const { handler } = (await import(pathToFileURL(options.outfile).href)) as {
        handler: RouteHandler;
      };
      routes.push({ method: route.method, path: route.path, handler });
    }
    bundled = await startGateway({ port: 0, routes, log: () => {} });
  });

  afterAll(async () => {
    await bundled?.stop();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function answer(base: string, pathAndQuery: string) {
    const res = await fetch(`${base}${pathAndQuery}`);
    const body = (await res.json()) as { tookMs?: number; cached?: boolean };
    if (body.tookMs !== undefined) body.tookMs = 0; // the one field that is a timing
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      cacheControl: res.headers.get('cache-control'),
      body,
    };
  }

  async function expectSameAnswer(pathAndQuery: string, status: number) {
    const first = await answer(bundled.url, pathAndQuery);
    const fromSource = await answer(api.url, pathAndQuery);
    const again = await answer(bundled.url, pathAndQuery);

    expect(first.status, JSON.stringify(first.body)).toBe(status);
    expect(again).toEqual(fromSource);
    // a related list is computed live on the first request (by the bundle), then read from the table
    const cached = (fromSource.body as { cached?: boolean }).cached === true;
    expect(first).toEqual(
      cached ? { ...fromSource, body: { ...fromSource.body, cached: false } } : fromSource,
    );
  }

  it.each([
    ['/search', 200],
    ['/search?q=exercise', 200],
    ['/search?q=exercize%20immune', 200],
    ['/search?q=type%201%20diabetes&tags=exercise&sort=newest&pageSize=5&page=2', 200],
    ['/search?q=insulin&category=Nutrition%20%26%20Exercise&year=2024,2025&evidenced=true', 200],
    [
      '/search?q=Teplizumab%20delays%20the%20onset%20of%20clinical%20type%201%20diabetes%20in%20relatives%20at%20risk',
      200,
    ],
    ['/search?pageSize=0&page=abc&sort=best&tagsMode=some', 400],
    ['/search?q=%01&publishedFrom=2024-02-30&evidenced=yes', 400],
    ['/search?cursor=not-a-cursor&q=a&q=b', 400],
    [`/search?tags=${Array.from({ length: 21 }, (_, i) => `t${i}`).join(',')}`, 400],
    ['/search?q=%C3%28', 400],
    ['/suggest?q=exerc', 200],
    ['/suggest?q=GAD6', 200],
    ['/suggest', 200],
    [`/suggest?q=${'x'.repeat(101)}`, 400],
    [`/articles/${seedArticleId}/related`, 200],
    ['/articles/teplizumab-delays-clinical-type-1-diabetes/related?limit=12', 200],
    ['/articles/no-such-article/related', 404],
    ['/articles/Not_A_Slug/related', 400],
    [`/articles/${seedArticleId}/related?limit=0`, 400],
  ])('GET %s answers %i, as the source does', async (pathAndQuery, status) => {
    await expectSameAnswer(pathAndQuery, status);
  });

  it('continues a search with the cursor it issued, as the source does', async () => {
    const first = await answer(bundled.url, '/search?q=diabetes&sort=newest&pageSize=3');
    const cursor = (first.body as SearchResponse).nextCursor;

    expect(cursor).toEqual(expect.any(String));
    await expectSameAnswer(
      `/search?q=diabetes&sort=newest&pageSize=3&cursor=${encodeURIComponent(cursor ?? '')}`,
      200,
    );
  });
});
