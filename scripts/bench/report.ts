import type { FunctionName } from '../../infra/bundling.js';
import type { ColdStart } from './cold-start.js';
import type { ReindexVsBulk, StreamVsBulk } from './indexing.js';
import { latencyRow, type Summary } from './percentiles.js';
import type { RelatedRun } from './related.js';
import type { SearchRun } from './search.js';

export interface BenchResults {
  quick: boolean;
  /** Search runs by corpus size, smallest first; the last is the headline. */
  search: SearchRun[];
  suggest?: Summary;
  /** OpenSearch CPU ms per search at the headline size: the handler's bodies and the reference. */
  engineCpu?: { bodiesMs: number; referenceMs: number; markingReferenceMs: number };
  related?: RelatedRun;
  stream?: StreamVsBulk;
  reindex?: ReindexVsBulk;
  writeToSearchable?: Summary;
  coldStart?: ColdStart;
  machine: { cpus: number; loadAverage: number[]; node: string };
}

/** The keys `--json` promises (issue 11); test/unit/bench-report.test.ts holds the list. */
export function toJsonReport(results: BenchResults) {
  const headline = results.search.at(-1);
  return {
    quick: results.quick,
    machine: results.machine,
    ...(headline && {
      search: {
        corpusSize: headline.corpusSize,
        queries: headline.queries,
        p50Ms: headline.handler.p50,
        p99Ms: headline.handler.p99,
        overheadP50Ms: headline.overhead.p50,
        overheadP99Ms: headline.overhead.p99,
        overheadNoiseFloorP99Ms: headline.rawRepeat.p99,
        overheadCpuP50Ms: headline.overheadCpu.p50,
        overheadCpuP99Ms: headline.overheadCpu.p99,
        vsReferenceP50Short: headline.short.vsReferenceP50,
        vsReferenceP99Short: headline.short.vsReferenceP99,
        vsReferenceP50Long: headline.long.vsReferenceP50,
        vsReferenceP99Long: headline.long.vsReferenceP99,
        relaxedShare: headline.relaxedShare,
        ...(results.engineCpu && {
          engineCpuMsPerSearch: results.engineCpu.bodiesMs,
          referenceCpuMsPerSearch: results.engineCpu.referenceMs,
          markingReferenceCpuMsPerSearch: results.engineCpu.markingReferenceMs,
        }),
        handler: headline.handler,
        raw: headline.raw,
        reference: headline.reference,
        overhead: headline.overhead,
        rawRepeat: headline.rawRepeat,
        handlerCpu: headline.handlerCpu,
        overheadCpu: headline.overheadCpu,
        engineTookRaw: headline.rawTook,
        engineTookReference: headline.referenceTook,
        short: headline.short,
        long: headline.long,
        bySize: results.search.map((run) => ({
          corpusSize: run.corpusSize,
          queries: run.queries,
          handler: run.handler,
          raw: run.raw,
          reference: run.reference,
          overhead: run.overhead,
          overheadCpu: run.overheadCpu,
        })),
      },
    }),
    ...(results.suggest && { suggest: { p50Ms: results.suggest.p50, p99Ms: results.suggest.p99 } }),
    ...(results.related && {
      related: {
        articles: results.related.articles,
        cachedP50Ms: results.related.cached.p50,
        cachedP99Ms: results.related.cached.p99,
        liveP50Ms: results.related.live.p50,
        liveP99Ms: results.related.live.p99,
        rawReadsP50Ms: results.related.rawReads.p50,
        rawReadsP99Ms: results.related.rawReads.p99,
        cachedVsRawP50: results.related.cachedVsRawP50,
        cachedVsRawP99: results.related.cachedVsRawP99,
      },
    }),
    ...((results.stream || results.reindex || results.writeToSearchable) && {
      indexing: {
        ...(results.stream && {
          streamDocs: results.stream.docs,
          streamBatchSize: results.stream.batchSize,
          streamDocsPerSecond: results.stream.streamDocsPerSecond,
          streamRawBulkDocsPerSecond: results.stream.rawBulkDocsPerSecond,
          streamVsRawBulk: results.stream.streamVsRawBulk,
          streamBulkOnlyDocsPerSecond: results.stream.bulkOnlyDocsPerSecond,
          streamBulkOnlyVsRawBulk: results.stream.bulkOnlyVsRawBulk,
          streamBatchMs: results.stream.streamBatch,
          streamBulkOnlyBatchMs: results.stream.bulkOnlyBatch,
          rawBatchMs: results.stream.rawBatch,
        }),
        ...(results.reindex && {
          reindexDocs: results.reindex.docs,
          reindexRounds: results.reindex.rounds,
          reindexLoadDocsPerSecond: results.reindex.reindexLoadDocsPerSecond,
          reindexTotalMs: results.reindex.reindexTotalMs,
          reindexRawBulkDocsPerSecond: results.reindex.rawBulkDocsPerSecond,
          reindexVsRawBulk: results.reindex.reindexVsRawBulk,
          reindexScanDocsPerSecond: results.reindex.scanDocsPerSecond,
        }),
        ...(results.writeToSearchable && {
          writeToSearchableP50Ms: results.writeToSearchable.p50,
          writeToSearchableP99Ms: results.writeToSearchable.p99,
        }),
      },
    }),
    ...(results.coldStart && {
      bundles: results.coldStart.bundles,
      coldStart: results.coldStart.coldStart,
    }),
  };
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined ? '–' : n.toFixed(digits));

/** The human-readable report: markdown tables, one per section. */
export function reportTables(results: BenchResults): string {
  const lines: string[] = [];
  for (const run of results.search) {
    lines.push(
      '',
      `Search, ${run.corpusSize.toLocaleString('en')} articles, ${run.queries} queries (${run.short.queries} short, ${run.long.queries} long; ${Math.round(run.relaxedShare * 100)}% relaxed), ms`,
      '| path | count | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
      latencyRow('(a) handler, in-process', run.handler),
      latencyRow('(b) raw OpenSearch, same bodies', run.raw),
      latencyRow('(c) reference multi_match', run.reference),
      latencyRow('(a) − (b) overhead', run.overhead),
      latencyRow('(b′) − (b) same bodies again: noise floor of (a) − (b)', run.rawRepeat),
      latencyRow('CPU of (a), this process', run.handlerCpu),
      latencyRow('CPU of (a) − CPU of (b): our code', run.overheadCpu),
      latencyRow('engine took, (b)', run.rawTook),
      latencyRow('engine took, (c)', run.referenceTook),
      latencyRow('short: (a) handler', run.short.handler),
      latencyRow('short: (c) reference', run.short.reference),
      latencyRow('long: (a) handler', run.long.handler),
      latencyRow('long: (c) reference', run.long.reference),
      `(a)/(c): short p50 ${fixed(run.short.vsReferenceP50, 2)}, p99 ${fixed(run.short.vsReferenceP99, 2)}; long p50 ${fixed(run.long.vsReferenceP50, 2)}, p99 ${fixed(run.long.vsReferenceP99, 2)}`,
    );
  }
  if (results.engineCpu) {
    lines.push(
      '',
      `OpenSearch CPU per search: ${fixed(results.engineCpu.bodiesMs, 2)} ms for the handler's bodies, ${fixed(results.engineCpu.referenceMs, 2)} ms for the reference, ${fixed(results.engineCpu.markingReferenceMs, 2)} ms for the reference marking every shown field`,
    );
  }
  if (results.suggest) {
    lines.push(
      '',
      'Suggest, ms',
      '| path | count | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
    );
    lines.push(latencyRow('/suggest keystrokes, handler', results.suggest));
  }
  if (results.related) {
    const r = results.related;
    lines.push(
      '',
      `Related, ${r.articles} articles, ms`,
      '| path | count | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
      latencyRow('live compute (list deleted)', r.live),
      latencyRow('cached (stored list + filter)', r.cached),
      latencyRow('raw DynamoDB reads of the cached path', r.rawReads),
      `cached / raw reads: p50 ${fixed(r.cachedVsRawP50, 2)}, p99 ${fixed(r.cachedVsRawP99, 2)}`,
    );
  }
  if (results.stream || results.reindex || results.writeToSearchable) {
    lines.push('', 'Indexing');
    const s = results.stream;
    if (s) {
      lines.push(
        `stream indexer: ${s.streamDocsPerSecond} docs/s vs raw _bulk ${s.rawBulkDocsPerSecond} docs/s (${s.docs} docs, batches of ${s.batchSize}): ${fixed(s.streamVsRawBulk, 2)}×`,
        `stream indexer without its related-lists hook (bulk only): ${s.bulkOnlyDocsPerSecond} docs/s: ${fixed(s.bulkOnlyVsRawBulk, 2)}×`,
      );
    }
    const r = results.reindex;
    if (r) {
      lines.push(
        `reindex load: ${r.reindexLoadDocsPerSecond} docs/s vs raw _bulk of pre-read docs ${r.rawBulkDocsPerSecond} docs/s (${r.docs} docs, ${r.rounds} of each interleaved): ${fixed(r.reindexVsRawBulk, 2)}×; ${fixed(r.reindexTotalMs / 1000)} s end to end; the parallel Scan alone ${r.scanDocsPerSecond} docs/s`,
      );
    }
    const w = results.writeToSearchable;
    if (w)
      lines.push(
        `write → searchable over ${w.count} PUTs: p50 ${fixed(w.p50)} ms, p99 ${fixed(w.p99)} ms`,
      );
  }
  if (results.coldStart) {
    const { bundles, coldStart } = results.coldStart;
    lines.push(
      '',
      `Cold start (bare node ${fixed(coldStart.bareNodeMsMedian)} ms subtracted)`,
      '| function | index.mjs | load + init, median ms |',
      '|---|---|---|',
      ...Object.entries(bundles).map(
        ([name, { bytes }]) =>
          `| ${name} | ${(bytes / 1000).toFixed(1)} KB | ${fixed(coldStart[name as FunctionName].initMsMedian)} |`,
      ),
      ...Object.entries(coldStart.withSemanticLayer ?? {}).map(
        ([name, { initMsMedian }]) =>
          `| ${name} with the semantic layer (model loaded) | ${(bundles[name as FunctionName].bytes / 1000).toFixed(1)} KB | ${fixed(initMsMedian)} |`,
      ),
    );
  }
  return lines.join('\n');
}
