/**
 * `npx tsx scripts/bench/indexing.ts [--count 20000] [--puts 100]`
 *
 * Two figures of the indexing path on the local stack:
 * 1. full reindex rate: `--count` synthetic articles are imported into DynamoDB (moto), then one
 *    full reindex (parallel scan → bulk load → verification → alias swap) reports docs/s; the same
 *    documents bulk-loaded from memory give OpenSearch's share of it (moto's Scan is slow);
 * 2. write → searchable latency: `--puts` sequential PUTs through the local gateway and the real
 *    articles function, each timed until the stream poller and the real index-stream function
 *    have made that version findable behind the read alias (polling search every 20 ms).
 * Local figures: moto's Scan costs grow with the table (it is not DynamoDB) and the read alias
 * refreshes every second; compare runs, don't quote them as AWS numbers.
 *
 * Uses OPENSEARCH_URL / AWS_ENDPOINT_URL when set; otherwise starts OpenSearch on port 9284 and
 * moto on port 4584, and stops them afterwards.
 */
import { parseArgs } from 'node:util';
import { importArticles } from '../../shared/articles/article-import.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient, type OpenSearchClient } from '../../shared/clients/opensearch.js';
import { IndexAdmin } from '../../shared/index/index-admin.js';
import { bulkWrite } from '../../shared/indexing/bulk-write.js';
import { toVersionedDocument } from '../../shared/indexing/index-change.js';
import { runReindex } from '../../shared/indexing/reindex.js';
import { generateArticles } from '../generate-articles.js';
import { type RouteHandler, startGateway } from '../local/gateway.js';
import { localAwsClientConfig } from '../local/moto.js';
import { type StreamHandler, startStreamPoller } from '../local/stream-poller.js';
import { quietFunctions, startBenchStack } from './bench-stack.js';
import { percentile } from './percentiles.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    puts: { type: 'string', default: '100' },
  },
});
const count = Number(values.count);
/** About 1.3 MB of synthetic articles per `_bulk`. */
const bulkDocs = 250;
const puts = Number(values.puts);
const log = (line: string) => process.stderr.write(`[bench:indexing] ${line}\n`);
quietFunctions();

const { name, adminToken, moto, region, config, stops } = await startBenchStack({
  label: 'bench-indexing',
  openSearchPort: 9284,
  motoPort: 4584,
  log,
});
try {
  const documents = createDocumentClient(config);
  const client = createOpenSearchClient(config, { requestTimeoutMs: 60_000 });
  stops.unshift(async () => {
    await client.close();
    documents.destroy();
  });

  // 1. full reindex rate
  const corpus = [...generateArticles(count, 2026)];
  const imported = await importArticles(documents, config.articlesTable, corpus, {
    onProgress: ({ written, total }) =>
      written % 5_000 === 0 && log(`imported ${written}/${total}`),
  });
  log(`imported ${imported.written} articles in ${(imported.durationMs / 1000).toFixed(1)} s`);
  let lastLog = 0;
  const report = await runReindex(
    {
      client,
      admin: new IndexAdmin(client, config.indexAlias),
      db: documents,
      tableName: config.articlesTable,
    },
    {
      onProgress: (p) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        log(`reindex: ${p.loaded}/${p.estimatedTotal ?? '?'} at ${p.docsPerSecond} docs/s`);
      },
    },
  );
  if (report.status !== 'promoted') throw new Error(`reindex failed: ${report.reason}`);
  const bulkOnly = await bulkLoadRate(client, `${name}-scratch`, corpus);

  // 2. write → searchable latency through gateway, stream poller and index-stream function
  const indexer = (await import('../../functions/index-stream/handler.js')) as {
    handler: StreamHandler;
  };
  const poller = startStreamPoller({
    dynamodb: localAwsClientConfig(moto.endpoint, region),
    tableName: config.articlesTable,
    startingPosition: 'LATEST',
    handler: indexer.handler,
    log: () => {},
  });
  stops.unshift(() => poller.stop());
  await poller.drain(300_000); // positioned at the end of the import's records
  const articles = (await import('../../functions/articles/handler.js')) as {
    handler: RouteHandler;
  };
  const gateway = await startGateway({
    port: 0,
    routes: [{ method: 'PUT', path: '/articles/{id}', handler: articles.handler }],
    log: () => {},
  });
  stops.unshift(gateway.stop);
  const latencies: number[] = [];
  for (const [i, article] of corpus.slice(0, puts).entries()) {
    latencies.push(
      await putUntilSearchable(gateway.url, adminToken, client, config.indexAlias, {
        ...article,
        title: `${article.title} (benchmark edit ${i})`,
      }),
    );
  }
  latencies.sort((a, b) => a - b);

  process.stdout.write(
    [
      `full reindex: ${report.loaded} documents, ${report.docsPerSecond} docs/s while loading, ${(report.durationMs / 1000).toFixed(1)} s in all (scan, bulk load, verification, swap)`,
      `bulk load alone (same documents from memory, 4 writers, ${bulkDocs}-document bulks): ${bulkOnly} docs/s`,
      `import: ${Math.round((imported.written * 1000) / imported.durationMs)} articles/s (BatchWriteItem into moto)`,
      `write → searchable over ${latencies.length} PUTs: p50 ${percentile(latencies, 0.5) ?? Number.NaN} ms, p99 ${percentile(latencies, 0.99) ?? Number.NaN} ms, max ${latencies.at(-1)} ms`,
      '',
    ].join('\n'),
  );
} finally {
  for (const stop of stops) await stop().catch(() => {});
}

/**
 * The OpenSearch side of the reindex on its own: the corpus bulk-loaded from memory into a scratch
 * generation (created and finished like a reindex's, then deleted), as the scan would feed it.
 */
async function bulkLoadRate(
  client: OpenSearchClient,
  alias: string,
  corpus: readonly ArticleInput[],
): Promise<number> {
  const admin = new IndexAdmin(client, alias);
  const generation = await admin.createGeneration({ bulkLoad: true });
  const updatedAt = new Date().toISOString();
  const docs = corpus.map((a) => toVersionedDocument({ ...a, version: 1, updatedAt }));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let from = next; from < docs.length; from = next) {
        next += bulkDocs;
        const outcomes = await bulkWrite(client, [generation], docs.slice(from, from + bulkDocs));
        const failed = outcomes.find((o) => o.status !== 'written');
        if (failed) throw new Error(`bulk load failed: ${JSON.stringify(failed)}`);
      }
    }),
  );
  await admin.finishBulkLoad(generation);
  const rate = Math.round((docs.length * 1000) / (performance.now() - started));
  await admin.deleteGeneration(generation);
  return rate;
}

/** Milliseconds from sending the PUT until its version is findable behind the read alias. */
async function putUntilSearchable(
  apiUrl: string,
  token: string,
  client: OpenSearchClient,
  alias: string,
  article: ArticleInput,
): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${apiUrl}/articles/${article.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(article),
  });
  if (!res.ok) throw new Error(`PUT ${article.id} answered ${res.status}`);
  const { version } = (await res.json()) as { version: number };
  while (performance.now() - started < 60_000) {
    const found = await client.search({
      index: alias,
      body: {
        size: 0,
        query: {
          bool: {
            filter: [
              { term: { id: article.id } },
              { term: { version } },
              { term: { deleted: false } },
            ],
          },
        },
      },
    });
    if ((found.body.hits.total as { value: number }).value > 0) {
      return Math.round(performance.now() - started);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${article.id} v${version} was not searchable within 60 s`);
}
