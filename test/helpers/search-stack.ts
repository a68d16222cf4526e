import { loadFixtureArticles } from '../../scripts/local/fixtures.js';
import { startGateway } from '../../scripts/local/gateway.js';
import { loadApiRoutes } from '../../scripts/local/routes.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { importArticles } from '../../shared/articles/article-import.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { loadIndexStreamHandler, pollArticleStream } from './article-stream.js';
import { createTestStack, type TestStack } from './test-stack.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Query parameters; an array repeats its parameter, undefined leaves it out. */
export type QueryParams = { [name: string]: string | number | readonly string[] | undefined };

export interface SearchStack {
  stack: TestStack;
  store: ArticleStore;
  /** Every article written (fixtures first, then the extras), as the editors sent them. */
  articles: ArticleInput[];
  /** Base URL of the local API gateway. */
  url: string;
  /** GET on the local API gateway; `query` values that are arrays become repeated parameters. */
  get<T = unknown>(path: string, query?: QueryParams): Promise<ApiResponse<T>>;
  /** Any request on the local API gateway; a `body` is sent as JSON. */
  request<T = unknown>(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: unknown },
  ): Promise<ApiResponse<T>>;
  /** Waits until everything written so far is indexed and searchable. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A test file's own search stack on the run's real services: tables, queue and index alias of its
 * own, the fixture corpus (plus `extra` articles) written to DynamoDB the way `npm run import`
 * does and indexed through the stream poller and the real index-stream function, and every API
 * function behind the local gateway.
 */
export async function startSearchStack(
  label: string,
  extra: readonly ArticleInput[] = [],
): Promise<SearchStack> {
  const stack = await createTestStack(label);
  const stops: Array<() => Promise<unknown>> = [() => stack.close()];
  let poller: StreamPoller | undefined;
  try {
    poller = pollArticleStream(stack, { handler: await loadIndexStreamHandler(), batchSize: 100 });
    const running = poller;
    stops.unshift(() => running.stop());
    const gateway = await startGateway({ port: 0, routes: await loadApiRoutes(), log: () => {} });
    stops.unshift(gateway.stop);

    async function request<T>(
      method: string,
      path: string,
      init: { headers?: Record<string, string>; body?: unknown } = {},
    ): Promise<ApiResponse<T>> {
      const res = await fetch(`${gateway.url}${path}`, {
        method,
        headers: init.headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: (text ? JSON.parse(text) : null) as T,
      };
    }

    const articles = [...(await loadFixtureArticles()), ...extra];
    await importArticles(stack.documents, stack.config.articlesTable, articles);
    const settle = async () => {
      await running.drain(120_000);
      await stack.openSearch.indices.refresh({ index: stack.config.indexAlias });
    };
    await settle();

    return {
      stack,
      store: new ArticleStore(stack.documents, stack.config.articlesTable),
      articles,
      url: gateway.url,
      request,
      async get<T>(path: string, query: QueryParams = {}) {
        const params = new URLSearchParams();
        for (const [name, value] of Object.entries(query)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
            params.append(name, String(v));
          }
        }
        const qs = params.toString();
        return request<T>('GET', `${path}${qs ? `?${qs}` : ''}`);
      },
      settle,
      async close() {
        for (const stop of stops) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    throw error;
  }
}
