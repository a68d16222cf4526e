/**
 * `npx tsx scripts/bench/related.ts [--rounds 20]`
 *
 * Latency of `GET /articles/{id}/related` on the fixture corpus, on the local stack: the fixtures
 * are written to DynamoDB (moto) and indexed through the stream and the real index-stream
 * function, the full refresh stores every list, then every article is read through the local
 * API gateway and the real related function:
 * - cached read: the stored list + the consistent BatchGetItem that filters it;
 * - live compute: the same request after its list was deleted (multi-search, store, filter).
 * Also compared, for the filter-on-read step alone: BatchGetItem on the articles table vs an
 * OpenSearch mget of the same ids, and one plain GetItem as the floor every DynamoDB call pays
 * here. Local figures (moto is a Python emulator, not DynamoDB); compare, don't quote.
 *
 * Uses OPENSEARCH_URL / AWS_ENDPOINT_URL when set; otherwise starts OpenSearch on port 9271 and
 * moto on port 8879, and stops them afterwards.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { ArticleLookup } from '../../shared/recommend/article-lookup.js';
import { createRelated } from '../../shared/recommend/create-related.js';
import { refreshRelated, startState } from '../../shared/recommend/refresh-related.js';
import { RelatedListStore } from '../../shared/recommend/related-store.js';
import { loadFixtureArticles } from '../local/fixtures.js';
import { type RouteHandler, startGateway } from '../local/gateway.js';
import { localAwsClientConfig } from '../local/moto.js';
import { type StreamHandler, startStreamPoller } from '../local/stream-poller.js';
import { quietFunctions, startBenchStack } from './bench-stack.js';
import { latencyRow } from './percentiles.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);
const log = (line: string) => process.stderr.write(`[bench:related] ${line}\n`);
quietFunctions();

const { moto, region, config, stops } = await startBenchStack({
  label: 'bench-related',
  openSearchPort: 9271,
  motoPort: 8879,
  log,
});
try {
  const documents = createDocumentClient(config);
  const client = createOpenSearchClient(config);

  const indexer = (await import('../../functions/index-stream/handler.js')) as {
    handler: StreamHandler;
  };
  const poller = startStreamPoller({
    dynamodb: localAwsClientConfig(moto.endpoint, region),
    tableName: config.articlesTable,
    handler: indexer.handler,
    log: () => {},
  });
  stops.unshift(() => poller.stop());
  const related = (await import('../../functions/related/handler.js')) as {
    handler: RouteHandler;
  };
  const gateway = await startGateway({
    port: 0,
    routes: [{ method: 'GET', path: '/articles/{id}/related', handler: related.handler }],
    log: () => {},
  });
  stops.unshift(gateway.stop);

  const fixtures = await loadFixtureArticles();
  const store = new ArticleStore(documents, config.articlesTable);
  for (const article of fixtures) await store.put(article);
  await poller.drain(120_000);
  await client.indices.refresh({ index: config.indexAlias });
  const deps = createRelated({ openSearch: client, documents, config }).refreshDeps(log);
  const refreshed = await refreshRelated(startState('full'), Number.POSITIVE_INFINITY, deps);
  log(
    `${fixtures.length} fixtures indexed through the stream; ${refreshed.state.refreshed} lists stored`,
  );

  const ids = fixtures.map((a) => a.id);
  const get = async (id: string) => {
    const started = performance.now();
    const res = await fetch(`${gateway.url}/articles/${id}/related`);
    const body = (await res.json()) as { cached: boolean };
    if (res.status !== 200) throw new Error(`${id}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, cached: body.cached };
  };
  // warm-up: connections, JIT, OpenSearch caches
  for (const id of ids) await get(id);

  const cached: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const id of ids) {
      const { ms, cached: hit } = await get(id);
      if (!hit) throw new Error(`${id} was not served from its stored list`);
      cached.push(ms);
    }
  }

  const lists = new RelatedListStore(documents, config.relatedTable);
  const live: number[] = [];
  for (let r = 0; r < Math.max(1, Math.round(rounds / 4)); r++) {
    for (const id of ids) {
      await lists.delete(id);
      const { ms, cached: hit } = await get(id);
      if (hit) throw new Error(`${id} was served from a list that was deleted`);
      live.push(ms);
    }
  }

  // the filter-on-read step alone, for one stored list's worth of ids (source + 16 items)
  const lookup = new ArticleLookup(documents, config.articlesTable);
  const batches = Array.from({ length: rounds * 10 }, (_, i) =>
    Array.from({ length: 17 }, (_, j) => ids[(i + j) % ids.length] as string),
  );
  const batchGet: number[] = [];
  const mget: number[] = [];
  const getItem: number[] = [];
  for (const batch of batches) {
    let started = performance.now();
    await lists.get(batch[0] as string, new Date());
    getItem.push(performance.now() - started);
    started = performance.now();
    await lookup.current(batch);
    batchGet.push(performance.now() - started);
    started = performance.now();
    await client.mget({
      index: config.indexAlias,
      body: { ids: batch },
      _source_includes: [
        'id',
        'version',
        'deleted',
        'evidence',
        'publishedAt',
        'title',
        'summary',
        'tags',
        'category',
      ],
    } as never);
    mget.push(performance.now() - started);
  }

  console.log(
    [
      `GET /articles/{id}/related on ${fixtures.length} fixture articles, local stack (ms)`,
      '| path | requests | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
      latencyRow('cached read (HTTP, stored list + BatchGetItem filter)', cached),
      latencyRow('live compute (HTTP, list deleted first)', live),
      latencyRow('filter step: BatchGetItem of 17 ids (consistent)', batchGet),
      latencyRow('filter step: OpenSearch mget of 17 ids', mget),
      latencyRow('floor: one GetItem of a stored list', getItem),
    ].join('\n'),
  );
  log(
    `load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (${cpus().length} cores)`,
  );
  await client.close();
} finally {
  for (const stop of stops) await stop().catch(() => {});
}
