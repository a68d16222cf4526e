/**
 * The indexing path against raw `_bulk`:
 * 1. the real index-stream function fed DynamoDB stream events of new articles, batch by batch,
 *    and the indexer's batch function alone (no related-lists hook), vs the same documents in
 *    the same batch sizes posted raw into a scratch index (interleaved);
 * 2. a full reindex's load phase (parallel Scan of the table → bulk load) vs raw `_bulk` of the
 *    same documents read beforehand, with the reindex's four writers;
 * 3. write → searchable: PUTs through the local gateway and the real articles function, each
 *    timed until the stream poller and the real index-stream function have made that version
 *    findable behind the read alias (polling every 20 ms; the alias refreshes every second).
 * Local figures: moto's Scan and Streams are an emulator's, not DynamoDB's.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { parseStoredArticle, type StoredArticle } from '../../shared/articles/stored-article.js';
import { sleep } from '../../shared/backoff.js';
import { createOpenSearchClient, type OpenSearchClient } from '../../shared/clients/opensearch.js';
import type { Config } from '../../shared/config.js';
import type { VersionedDocument } from '../../shared/ingest/bulk-write.js';
import { toVersionedDocument } from '../../shared/ingest/index-change.js';
import { indexStreamBatch } from '../../shared/ingest/index-stream-batch.js';
import { runReindex } from '../../shared/ingest/reindex.js';
import { type ScanKey, scanPage } from '../../shared/ingest/table-scan.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { type RouteHandler, startGateway } from '../local/gateway.js';
import { localAwsClientConfig } from '../local/moto.js';
import { type StreamHandler, startStreamPoller } from '../local/stream-poller.js';
import { round, type Summary, summarize } from './percentiles.js';
import { type RawOpenSearch, rawOpenSearch } from './raw-http.js';

/** The NDJSON `_bulk` body the project's bulk writer sends for these documents. */
function bulkBody(index: string, docs: readonly VersionedDocument[]): string {
  return docs
    .map(
      (d) =>
        `${JSON.stringify({ index: { _index: index, _id: d.id, version: d.version, version_type: 'external' } })}\n${JSON.stringify(d.document)}\n`,
    )
    .join('');
}

async function rawBulk(raw: RawOpenSearch, index: string, docs: readonly VersionedDocument[]) {
  const res = await raw.post('/_bulk', bulkBody(index, docs), 'application/x-ndjson');
  if (/"errors":true/.test(res.body.subarray(0, 200).toString())) {
    throw new Error(`raw bulk into ${index} had errors: ${res.body.toString().slice(0, 500)}`);
  }
  return res.ms;
}

/** A stream record as Lambda delivers it for an article written by the articles function. */
function insertRecord(item: StoredArticle, sequence: number): DynamoDBRecord {
  return {
    eventID: randomBytes(8).toString('hex'),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { id: { S: item.id } },
      NewImage: marshall(item, { removeUndefinedValues: true }) as never,
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 4_000,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN:
      'arn:aws:dynamodb:us-east-1:000000000000:table/bench/stream/2026-01-01T00:00:00.000',
  };
}

/** A scratch generation with the live template, deleted by the returned function. */
async function scratchIndex(client: OpenSearchClient, bulkLoad: boolean) {
  const admin = new IndexAdmin(client, `bench-scratch-${randomBytes(3).toString('hex')}`);
  await admin.putTemplate();
  const index = await admin.createGeneration({ bulkLoad });
  return {
    index,
    admin,
    drop: async () => {
      await admin.deleteGeneration(index);
      await client.indices.deleteIndexTemplate({ name: admin.names.template }, { ignore: [404] });
    },
  };
}

export interface StreamVsBulk {
  docs: number;
  batchSize: number;
  /** End to end: the real handler, its related-lists hook included. */
  streamDocsPerSecond: number;
  /** The indexer's batch path alone (records → one `_bulk` with retries), no hook. */
  bulkOnlyDocsPerSecond: number;
  rawBulkDocsPerSecond: number;
  streamVsRawBulk: number;
  bulkOnlyVsRawBulk: number;
  streamBatch: Summary;
  bulkOnlyBatch: Summary;
  rawBatch: Summary;
}

/**
 * New articles, batch by batch and interleaved, three ways: through the real index-stream
 * handler into the live alias (end to end: parsing, alias lookup, gzipped `_bulk`, and the
 * related-lists hook, as deployed); through the indexer's batch function alone into a scratch
 * index (`indexStreamBatch` with the handler's gzipping client, no hook: the bulk-only rate); and
 * the same documents raw into another scratch index.
 */
export async function streamVsRawBulk(opts: {
  streamHandler: StreamHandler;
  client: OpenSearchClient;
  config: Pick<Config, 'openSearch' | 'region'>;
  articles: readonly ArticleInput[];
  batchSize: number;
}): Promise<StreamVsBulk> {
  const scratch = await scratchIndex(opts.client, false);
  const bulkOnlyScratch = await scratchIndex(opts.client, false);
  const raw = rawOpenSearch(opts.config.openSearch.url);
  // as functions/index-stream/handler.ts builds it
  const indexerClient = createOpenSearchClient(opts.config, { gzipRequests: true });
  const updatedAt = new Date().toISOString();
  const stream: number[] = [];
  const bulkOnly: number[] = [];
  const bulk: number[] = [];
  try {
    for (let from = 0, b = 0; from < opts.articles.length; from += opts.batchSize, b++) {
      const items = opts.articles
        .slice(from, from + opts.batchSize)
        .map((a) => parseStoredArticle({ ...a, version: 1, updatedAt }));
      const event: DynamoDBStreamEvent = {
        Records: items.map((item, i) => insertRecord(item, from + i)),
      };
      const docs = items.map(toVersionedDocument);
      const steps = [
        async () => {
          const started = performance.now();
          const res = (await opts.streamHandler(event, {} as Context)) as DynamoDBBatchResponse;
          stream.push(performance.now() - started);
          if (res.batchItemFailures.length > 0)
            throw new Error('the stream indexer reported failures');
        },
        async () => {
          const started = performance.now();
          const res = await indexStreamBatch(event.Records, {
            client: indexerClient,
            admin: { writeTargets: async () => [bulkOnlyScratch.index] },
            deadLetters: {
              send: async () => {
                throw new Error('the indexer dead-lettered a benchmark article');
              },
            },
            retry: { attempts: 3, baseDelayMs: 200 },
          });
          bulkOnly.push(performance.now() - started);
          if (res.batchItemFailures.length > 0) throw new Error('the bulk-only indexer failed');
        },
        async () => bulk.push(await rawBulk(raw, scratch.index, docs)),
      ];
      // rotate the order, so no leg always runs first (or always after the same one)
      for (let i = 0; i < steps.length; i++)
        await (steps[(b + i) % steps.length] as () => Promise<void>)();
    }
  } finally {
    raw.close();
    await indexerClient.close();
    await scratch.drop();
    await bulkOnlyScratch.drop();
  }
  const rate = (samples: number[]) =>
    (opts.articles.length * 1000) / samples.reduce((a, b) => a + b, 0);
  const [streamRate, bulkOnlyRate, bulkRate] = [rate(stream), rate(bulkOnly), rate(bulk)];
  return {
    docs: opts.articles.length,
    batchSize: opts.batchSize,
    streamDocsPerSecond: Math.round(streamRate),
    bulkOnlyDocsPerSecond: Math.round(bulkOnlyRate),
    rawBulkDocsPerSecond: Math.round(bulkRate),
    streamVsRawBulk: round(streamRate / bulkRate),
    bulkOnlyVsRawBulk: round(bulkOnlyRate / bulkRate),
    streamBatch: summarize(stream),
    bulkOnlyBatch: summarize(bulkOnly),
    rawBatch: summarize(bulk),
  };
}

export interface ReindexVsBulk {
  docs: number;
  /** Reindexes measured (and as many raw loads), interleaved, after one warm-up reindex. */
  rounds: number;
  reindexLoadDocsPerSecond: number;
  reindexTotalMs: number;
  rawBulkDocsPerSecond: number;
  /** The same parallel Scan (four segments) alone: what the table can feed a reindex. */
  scanDocsPerSecond: number;
  reindexVsRawBulk: number;
}

/**
 * Full reindexes from the table (each promotes a new generation with the same documents) and the
 * same documents read beforehand, posted raw into scratch generations by as many writers, as
 * reindex, raw, raw, reindex (after one warm-up reindex) so that a drift in the machine's load
 * falls on both alike. Both rates are over the load alone: the reindex's from the start of its
 * scan to its last bulk, the raw one over its bulks (neither counts restoring refresh and
 * replicas afterwards). The parallel Scan alone, in between, shows whether the table or the bulk
 * load is the limit.
 */
export async function reindexVsRawBulk(opts: {
  client: OpenSearchClient;
  documents: DynamoDBDocumentClient;
  config: Config;
  openSearchUrl: string;
}): Promise<ReindexVsBulk> {
  const docs: VersionedDocument[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await opts.documents.send(
      new ScanCommand({ TableName: opts.config.articlesTable, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) docs.push(toVersionedDocument(parseStoredArticle(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const reindexMs: number[] = [];
  const rawMs: number[] = [];
  const scanMs: number[] = [];
  let totalMs = 0;
  let loaded = 0;
  const reindex = async () => {
    const report = await runReindex({
      client: opts.client,
      admin: new IndexAdmin(opts.client, opts.config.indexAlias),
      db: opts.documents,
      tableName: opts.config.articlesTable,
    });
    if (report.status !== 'promoted') throw new Error(`reindex failed: ${report.reason}`);
    reindexMs.push((report.loaded * 1000) / report.docsPerSecond);
    totalMs += report.durationMs;
    loaded = report.loaded;
  };
  const raw = async () => rawMs.push(await rawBulkLoad(opts, docs));
  const scan = async () => scanMs.push(await parallelScan(opts, 4));
  // The first heavy bulk load of a run was 30-80 % slower than the next ones, whichever kind
  // (JIT and caches of a fresh node): one reindex, not counted, takes that warm-up off the first
  // measured round.
  await reindex();
  reindexMs.length = 0;
  totalMs = 0;
  for (const round of [reindex, raw, scan, scan, raw, reindex]) await round();

  const rate = (samples: number[]) =>
    (docs.length * samples.length * 1000) / samples.reduce((a, b) => a + b, 0);
  return {
    docs: loaded,
    rounds: reindexMs.length,
    reindexLoadDocsPerSecond: Math.round(rate(reindexMs)),
    reindexTotalMs: Math.round(totalMs / reindexMs.length),
    rawBulkDocsPerSecond: Math.round(rate(rawMs)),
    scanDocsPerSecond: Math.round(rate(scanMs)),
    reindexVsRawBulk: round(rate(reindexMs) / rate(rawMs)),
  };
}

/** The reindex's parallel Scan of the table alone, nothing written; milliseconds. */
async function parallelScan(
  opts: { documents: DynamoDBDocumentClient; config: Config },
  totalSegments: number,
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: totalSegments }, async (_, segment) => {
      let startKey: ScanKey | undefined;
      do {
        const page = await scanPage(opts.documents, opts.config.articlesTable, {
          segment,
          totalSegments,
          startKey,
        });
        startKey = page.next;
      } while (startKey);
    }),
  );
  return performance.now() - started;
}

/** The documents posted raw by a reindex's four writers in pages of its size; milliseconds. */
async function rawBulkLoad(
  opts: { client: OpenSearchClient; openSearchUrl: string },
  docs: readonly VersionedDocument[],
): Promise<number> {
  const scratch = await scratchIndex(opts.client, true);
  const writers = 4;
  const batch = 200; // about one 1 MB Scan page of these articles, what a reindex writer sends
  const raws = Array.from({ length: writers }, () => rawOpenSearch(opts.openSearchUrl));
  const started = performance.now();
  let next = 0;
  try {
    await Promise.all(
      raws.map(async (raw) => {
        for (let from = next; from < docs.length; from = next) {
          next += batch;
          await rawBulk(raw, scratch.index, docs.slice(from, from + batch));
        }
      }),
    );
    return performance.now() - started;
  } finally {
    for (const raw of raws) raw.close();
    await scratch.drop();
  }
}

/** Milliseconds from each PUT until its version is findable behind the read alias. */
export async function writeToSearchable(opts: {
  client: OpenSearchClient;
  config: Config;
  awsEndpoint: string;
  adminToken: string;
  streamHandler: StreamHandler;
  articlesHandler: RouteHandler;
  articles: readonly ArticleInput[];
}): Promise<Summary> {
  const poller = startStreamPoller({
    dynamodb: localAwsClientConfig(opts.awsEndpoint, opts.config.region),
    tableName: opts.config.articlesTable,
    startingPosition: 'LATEST',
    handler: opts.streamHandler,
    log: () => {},
  });
  const gateway = await startGateway({
    port: 0,
    routes: [{ method: 'PUT', path: '/articles/{id}', handler: opts.articlesHandler }],
    log: () => {},
  });
  try {
    await poller.drain(300_000);
    const latencies: number[] = [];
    for (const [i, article] of opts.articles.entries()) {
      latencies.push(
        await putUntilSearchable(
          gateway.url,
          opts.adminToken,
          opts.client,
          opts.config.indexAlias,
          {
            ...article,
            title: `${article.title} (benchmark edit ${i})`,
          },
        ),
      );
    }
    return summarize(latencies);
  } finally {
    await gateway.stop();
    await poller.stop();
  }
}

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
    if ((found.body.hits.total as { value: number }).value > 0) return performance.now() - started;
    await sleep(20);
  }
  throw new Error(`${article.id} v${version} was not searchable within 60 s`);
}
