/**
 * `npm run load`: mixed traffic against the whole local API — search, suggest, related and a
 * trickle of editor PUTs and DELETEs — at a fixed concurrency for a fixed time (default 60 s,
 * 16 clients) over `--count` synthetic articles (default 10,000), loopback only. Afterwards the
 * stream is drained and the index is checked against the table (no lost write). Prints p50/p99
 * per route and the 5xx count. A benchmark that prints figures; nothing here asserts a speed.
 */
import { parseArgs } from 'node:util';
import { importArticles } from '../../shared/articles/article-import.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { runReindex } from '../../shared/ingest/reindex.js';
import { verifyGeneration } from '../../shared/ingest/reindex-verify.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { generateArticles } from '../generate-articles.js';
import { startGateway } from '../local/gateway.js';
import { freePort } from '../local/process-utils.js';
import { loadApiRoutes } from '../local/routes.js';
import { quietFunctions, startBenchStack, startIndexingPoller } from './bench-stack.js';
import { latencyRow } from './percentiles.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '16' },
  },
});
const count = Number(values.count);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const log = (line: string) => process.stderr.write(`[load] ${line}\n`);

/** Share of requests per route; the rest of the unit interval is editor writes. */
const mix = { search: 0.5, suggest: 0.25, related: 0.2 } as const;
const words = [
  'insulin',
  'beta cells',
  'closed loop',
  'teplizumab',
  'cgm accuracy',
  'islet',
  'hypoglycemia',
];

quietFunctions();
const bench = await startBenchStack({
  label: 'load',
  openSearchPort: await freePort(),
  motoPort: await freePort(),
  log,
});
const { adminToken, config, stops } = bench;
try {
  const documents = createDocumentClient(config);
  const client = createOpenSearchClient(config, { requestTimeoutMs: 60_000 });
  const corpus: ArticleInput[] = [...generateArticles(count, 60)];
  await importArticles(documents, config.articlesTable, corpus);
  const built = await runReindex({
    client,
    admin: new IndexAdmin(client, config.indexAlias),
    db: documents,
    tableName: config.articlesTable,
  });
  log(`${count} articles imported and indexed (${built.status})`);

  const poller = await startIndexingPoller(bench);
  const gateway = await startGateway({ port: 0, routes: await loadApiRoutes(), log: () => {} });
  stops.unshift(gateway.stop);

  const latencies = new Map<string, number[]>();
  const statuses = new Map<string, number>();
  let serverErrors = 0;
  let writes = 0;
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;
  const nextRequest = (): { route: string; method: string; path: string; body?: unknown } => {
    const r = Math.random();
    if (r < mix.search) {
      return {
        route: 'GET /search',
        method: 'GET',
        path: `/search?q=${encodeURIComponent(pick(words))}`,
      };
    }
    if (r < mix.search + mix.suggest) {
      const word = pick(words);
      return {
        route: 'GET /suggest',
        method: 'GET',
        path: `/suggest?q=${encodeURIComponent(word.slice(0, 3 + Math.floor(Math.random() * 4)))}`,
      };
    }
    const article = pick(corpus);
    if (r < mix.search + mix.suggest + mix.related) {
      return {
        route: 'GET /articles/{id}/related',
        method: 'GET',
        path: `/articles/${article.id}/related`,
      };
    }
    writes += 1;
    if (Math.random() < 0.2) {
      return { route: 'DELETE /articles/{id}', method: 'DELETE', path: `/articles/${article.id}` };
    }
    const { id, ...body } = { ...article, title: `${article.title} (load edit ${writes})` };
    return { route: 'PUT /articles/{id}', method: 'PUT', path: `/articles/${id}`, body };
  };

  log(`${seconds} s of mixed traffic at concurrency ${concurrency}...`);
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const request = nextRequest();
        const started = performance.now();
        const res = await fetch(`${gateway.url}${request.path}`, {
          method: request.method,
          headers: {
            authorization: `Bearer ${adminToken}`,
            ...(request.body ? { 'content-type': 'application/json' } : {}),
          },
          body: request.body ? JSON.stringify(request.body) : undefined,
        });
        await res.arrayBuffer();
        const ms = performance.now() - started;
        latencies.set(request.route, [...(latencies.get(request.route) ?? []), ms]);
        const key = `${request.route} ${res.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res.status >= 500) serverErrors += 1;
      }
    }),
  );

  await poller.drain(300_000);
  const verification = await verifyGeneration(
    {
      client,
      db: documents,
      tableName: config.articlesTable,
      totalSegments: 4,
      catchUp: { attempts: 0, delayMs: 0 },
      sleep: async () => {},
    },
    config.indexAlias,
  );
  const total = [...latencies.values()].reduce((n, l) => n + l.length, 0);
  process.stdout.write(
    [
      `mixed load: ${count} articles, ${seconds} s, concurrency ${concurrency}, ${total} requests (${(total / seconds).toFixed(0)}/s)`,
      '',
      '| route | requests | p50 ms | p95 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- | --- |',
      ...[...latencies].map(([route, samples]) => latencyRow(route, samples)),
      '',
      `statuses: ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
      `5xx responses: ${serverErrors}`,
      `lost writes: ${verification.ok ? 0 : verification.mismatches.length} (table ${verification.tableItems} items, index ${verification.indexDocuments} documents)`,
      '',
    ].join('\n'),
  );
  process.exitCode = serverErrors === 0 && verification.ok ? 0 : 1;
} finally {
  for (const stop of stops) await stop().catch(() => {});
}
