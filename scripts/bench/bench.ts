/**
 * `npm run bench [-- --quick] [--json out.json] [--chart docs/bench-latency.svg]
 *   [--sections search,related,indexing,cold-start] [--opensearch-port 9291] [--moto-port 4591]`
 *
 * The whole bench on the real local stack (OpenSearch in a JVM, moto), loopback only, one
 * request at a time; figures are latencies and ratios measured interleaved in one run, since
 * these machines are shared and noisy. Sections:
 * - cold start: every function's bundle and its load + init in a fresh Node process;
 * - search: handler vs the same bodies raw vs a reference multi_match at growing corpus sizes
 *   (1k, 10k; plus 100k without --quick), suggest at the largest;
 * - related: live, cached, and the cached path's raw DynamoDB reads (at 1k articles, all in
 *   the table);
 * - indexing: stream indexer vs raw `_bulk`, reindex load vs raw `_bulk`, write → searchable.
 * The synthetic corpus is `generateArticles(n, 42)`; the query set is fixed-seed
 * (scripts/bench/query-set.ts). Uses OPENSEARCH_URL / AWS_ENDPOINT_URL when set.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { importArticles } from '../../shared/articles/article-import.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { bulkWrite } from '../../shared/ingest/bulk-write.js';
import { toIndexDocument } from '../../shared/search-index/document.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { indexTemplate } from '../../shared/search-index/mapping.js';
import { generateArticles } from '../generate-articles.js';
import type { RouteHandler } from '../local/gateway.js';
import { localAwsClientConfig } from '../local/moto.js';
import { repoRoot } from '../local/repo-root.js';
import type { StreamHandler } from '../local/stream-poller.js';
import { quietFunctions, startBenchStack } from './bench-stack.js';
import { latencyChart } from './chart.js';
import { benchColdStart } from './cold-start.js';
import type { HttpLambda } from './events.js';
import { reindexVsRawBulk, streamVsRawBulk, writeToSearchable } from './indexing.js';
import { benchQueries } from './query-set.js';
import { rawOpenSearch } from './raw-http.js';
import { benchRelated } from './related.js';
import { type BenchResults, reportTables, toJsonReport } from './report.js';
import { benchSearch, benchSuggest, engineCpuPerSearch, prepareQueries } from './search.js';

const allSections = ['cold-start', 'search', 'related', 'indexing'] as const;
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    chart: { type: 'string' },
    sections: { type: 'string', default: allSections.join(',') },
    'opensearch-port': { type: 'string', default: '9291' },
    'moto-port': { type: 'string', default: '4591' },
  },
});
const quick = values.quick;
const sections = new Set(values.sections.split(','));
const unknown = [...sections].filter((s) => !(allSections as readonly string[]).includes(s));
if (unknown.length > 0) throw new Error(`unknown sections: ${unknown.join(', ')}`);
const plan = {
  sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
  /** ≥ 1,000 at the headline size; fewer at the smaller chart points. */
  queries: (last: boolean) => (last ? 1_000 : 150),
  relatedArticles: quick ? 40 : 100,
  relatedRounds: quick ? 2 : 5,
  streamDocs: quick ? 500 : 3_000,
  /** The dev stage's event source mapping batch size (infra/config.ts). */
  streamBatch: 100,
  puts: quick ? 20 : 100,
  /** Queries whose bodies the engine-CPU pass replays (a CPU counter needs no 1,000). */
  cpuQueries: quick ? 250 : 1_000,
  coldStartRuns: quick ? 20 : 30,
};
const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
quietFunctions();

const results: BenchResults = {
  quick,
  search: [],
  machine: { cpus: cpus().length, loadAverage: [], node: process.version },
};

if (sections.has('cold-start')) {
  log('cold start: bundling every function and loading each in fresh processes');
  results.coldStart = await benchColdStart({
    outdir: path.join(repoRoot, '.local', 'bench', 'bundles'),
    runs: plan.coldStartRuns,
  });
}

const needsStack = ['search', 'related', 'indexing'].some((s) => sections.has(s));
if (needsStack) await benchOnStack();

writeOutputs();
console.log(reportTables(results));

/** Writes the JSON report and the chart; also after each search stage, so a long run leaves figures. */
function writeOutputs(): void {
  results.machine.loadAverage = loadavg().map((l) => Math.round(l * 10) / 10);
  if (values.json)
    writeFileSync(values.json, `${JSON.stringify(toJsonReport(results), null, 2)}\n`);
  if (values.chart && results.search.length > 0) {
    mkdirSync(path.dirname(values.chart), { recursive: true });
    const points = results.search.map((run) => ({
      corpusSize: run.corpusSize,
      values: {
        'handler p50': run.handler.p50,
        'handler p99': run.handler.p99,
        'raw bodies p50': run.raw.p50,
        'raw bodies p99': run.raw.p99,
        'reference p50': run.reference.p50,
        'reference p99': run.reference.p99,
      },
    }));
    writeFileSync(values.chart, latencyChart(points, '/search latency against corpus size'));
  }
}

async function benchOnStack(): Promise<void> {
  const { moto, config, adminToken, stops } = await startBenchStack({
    label: `bench-${values['opensearch-port']}`,
    openSearchPort: Number(values['opensearch-port']),
    motoPort: Number(values['moto-port']),
    log,
  });
  const documents = createDocumentClient(config);
  const client = createOpenSearchClient(config, { requestTimeoutMs: 120_000 });
  const raw = rawOpenSearch(config.openSearch.url);
  const rawDynamo = new DynamoDBClient(localAwsClientConfig(moto.endpoint, config.region));
  stops.unshift(async () => {
    raw.close();
    rawDynamo.destroy();
    documents.destroy();
    await client.close();
  });
  try {
    const admin = new IndexAdmin(client, config.indexAlias);
    const corpus = generateArticles((plan.sizes.at(-1) as number) + plan.streamDocs, 42);
    const take = (n: number) =>
      Array.from({ length: n }, () => corpus.next().value as ArticleInput);
    let written = 0;
    const load = async (articles: readonly ArticleInput[]) => {
      const live = await admin.liveGeneration();
      if (!live) throw new Error('no live index generation');
      const updatedAt = new Date().toISOString();
      // no refresh while loading: one at the end makes the whole load searchable
      await client.indices.putSettings({
        index: live,
        body: { index: { refresh_interval: '-1' } },
      });
      for (let i = 0; i < articles.length; i += 500) {
        const docs = articles.slice(i, i + 500).map((input) => ({
          id: input.id,
          version: 1,
          document: toIndexDocument({ ...input, version: 1, updatedAt }),
        }));
        const failed = (await bulkWrite(client, [live], docs)).find((o) => o.status !== 'written');
        if (failed) throw new Error(`bulk load failed: ${JSON.stringify(failed)}`);
        written += docs.length;
        if (written % 10_000 === 0) log(`${written} articles indexed`);
      }
      await client.indices.putSettings({
        index: live,
        body: {
          index: { refresh_interval: indexTemplate('').template.settings.index.refresh_interval },
        },
      });
      await client.indices.refresh({ index: config.indexAlias });
    };
    const corpusSize = async () =>
      ((await client.count({ index: config.indexAlias })).body as { count: number }).count;

    // the first 1,000 are also in the table: related, the reindex and the PUTs need them there
    const first = take(1_000);
    await importArticles(documents, config.articlesTable, first);
    await load(first);
    const queries = benchQueries(first, 1_000);
    const handlers = {
      search: ((await import('../../functions/search/handler.js')) as { handler: HttpLambda })
        .handler,
      suggest: ((await import('../../functions/suggest/handler.js')) as { handler: HttpLambda })
        .handler,
      related: ((await import('../../functions/related/handler.js')) as { handler: HttpLambda })
        .handler,
      stream: (
        (await import('../../functions/index-stream/handler.js')) as {
          handler: StreamHandler;
        }
      ).handler,
      articles: ((await import('../../functions/articles/handler.js')) as { handler: RouteHandler })
        .handler,
    };

    const searchAt = async (size: number) => {
      const last = size === plan.sizes.at(-1);
      const count = plan.queries(last);
      log(`search at ${size}: recording ${count} queries' bodies (warm-up)`);
      const prepared = await prepareQueries(client, config.indexAlias, queries.slice(0, count));
      log(`search at ${size}: handler, raw and reference, interleaved`);
      results.search.push(
        await benchSearch({
          handler: handlers.search,
          raw,
          prepared,
          alias: config.indexAlias,
          corpusSize: await corpusSize(),
        }),
      );
      writeOutputs();
      if (last) {
        log('OpenSearch CPU per search');
        results.engineCpu = await engineCpuPerSearch(
          raw,
          prepared.slice(0, plan.cpuQueries),
          config.indexAlias,
        );
        log('suggest');
        results.suggest = await benchSuggest(handlers.suggest, queries);
      }
    };

    if (sections.has('search')) await searchAt(1_000);
    if (sections.has('related')) {
      log(`related: ${plan.relatedArticles} articles, live then cached vs raw reads`);
      results.related = await benchRelated({
        handler: handlers.related,
        documents,
        raw: rawDynamo,
        config,
        ids: first.slice(0, plan.relatedArticles).map((a) => a.id),
        rounds: plan.relatedRounds,
      });
    }
    if (sections.has('indexing')) {
      log('indexing: full reindex of the table, then raw _bulk of the same documents');
      results.reindex = await reindexVsRawBulk({
        client,
        documents,
        config,
        openSearchUrl: config.openSearch.url,
      });
      log(`indexing: ${plan.puts} PUTs until searchable`);
      results.writeToSearchable = await writeToSearchable({
        client,
        config,
        awsEndpoint: moto.endpoint,
        adminToken,
        streamHandler: handlers.stream,
        articlesHandler: handlers.articles,
        articles: first.slice(0, plan.puts),
      });
      log(`indexing: stream indexer vs raw _bulk, ${plan.streamDocs} new articles`);
      const fresh = take(plan.streamDocs);
      results.stream = await streamVsRawBulk({
        streamHandler: handlers.stream,
        client,
        config,
        articles: fresh,
        batchSize: plan.streamBatch,
      });
      written += fresh.length;
      await client.indices.refresh({ index: config.indexAlias });
    }
    if (sections.has('search')) {
      for (const size of plan.sizes.slice(1)) {
        const missing = size - (await corpusSize());
        log(`loading ${missing} more articles`);
        for (let left = missing; left > 0; left -= 5_000) await load(take(Math.min(5_000, left)));
        await searchAt(size);
      }
    }
  } finally {
    // the node's data directory outlives the run: leave no generations or template behind
    await client.indices
      .delete({ index: `${config.indexAlias}-*` }, { ignore: [404] })
      .catch(() => {});
    await client.indices
      .deleteIndexTemplate(
        { name: new IndexAdmin(client, config.indexAlias).names.template },
        { ignore: [404] },
      )
      .catch(() => {});
    for (const stop of stops) await stop().catch(() => {});
  }
}
