import { describe, expect, it } from 'vitest';
import { functionNames } from '../../infra/bundling.js';
import { summarize } from '../../scripts/bench/percentiles.js';
import { type BenchResults, toJsonReport } from '../../scripts/bench/report.js';
import type { SearchRun } from '../../scripts/bench/search.js';

/** The keys issue 11 asks `npm run bench -- --json` to write, and the measures that qualify the overhead. */
const requiredKeys = [
  'search.overheadP50Ms',
  'search.overheadP99Ms',
  'search.overheadNoiseFloorP99Ms',
  'search.overheadCpuP50Ms',
  'search.overheadCpuP99Ms',
  'search.vsReferenceP50Short',
  'search.vsReferenceP99Short',
  'search.vsReferenceP50Long',
  'search.vsReferenceP99Long',
  'search.p50Ms',
  'search.p99Ms',
  'search.corpusSize',
  'related.cachedVsRawP50',
  'indexing.streamVsRawBulk',
  'indexing.streamBulkOnlyVsRawBulk',
  'indexing.reindexVsRawBulk',
  ...functionNames.flatMap((name) => [`bundles.${name}.bytes`, `coldStart.${name}.initMsMedian`]),
];

const at = (report: unknown, key: string) =>
  key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], report);

const samples = summarize([1, 2, 3, 4]);
const split = {
  queries: 2,
  handler: samples,
  raw: samples,
  reference: samples,
  overhead: samples,
  vsReferenceP50: 1.5,
  vsReferenceP99: 2,
};
const run = (corpusSize: number): SearchRun => ({
  corpusSize,
  queries: 4,
  relaxedShare: 0,
  handler: samples,
  raw: samples,
  reference: samples,
  overhead: samples,
  rawRepeat: samples,
  handlerCpu: samples,
  overheadCpu: samples,
  rawTook: samples,
  referenceTook: samples,
  short: split,
  long: split,
});
const results: BenchResults = {
  quick: true,
  search: [run(1_000), run(10_000)],
  suggest: samples,
  related: {
    articles: 2,
    live: samples,
    cached: samples,
    rawReads: samples,
    cachedVsRawP50: 1,
    cachedVsRawP99: 1,
  },
  stream: {
    docs: 4,
    batchSize: 2,
    streamDocsPerSecond: 9,
    bulkOnlyDocsPerSecond: 9.5,
    rawBulkDocsPerSecond: 10,
    streamVsRawBulk: 0.9,
    bulkOnlyVsRawBulk: 0.95,
    streamBatch: samples,
    bulkOnlyBatch: samples,
    rawBatch: samples,
  },
  reindex: {
    docs: 4,
    rounds: 2,
    reindexLoadDocsPerSecond: 8,
    reindexTotalMs: 5,
    rawBulkDocsPerSecond: 10,
    scanDocsPerSecond: 12,
    reindexVsRawBulk: 0.8,
  },
  writeToSearchable: samples,
  coldStart: {
    bundles: Object.fromEntries(functionNames.map((n) => [n, { bytes: 1 }])) as never,
    coldStart: {
      bareNodeMsMedian: 30,
      ...Object.fromEntries(functionNames.map((n) => [n, { initMsMedian: 2 }])),
    } as never,
  },
  machine: { cpus: 2, loadAverage: [1, 1, 1], node: 'v20' },
};

describe('the bench JSON report', () => {
  it('has every key the issue asks for, as numbers', () => {
    const report = JSON.parse(JSON.stringify(toJsonReport(results)));

    expect(requiredKeys.filter((key) => typeof at(report, key) !== 'number')).toEqual([]);
  });

  it('keeps the stream and reindex document counts apart', () => {
    const report = toJsonReport(results);

    expect(report.indexing).toMatchObject({ streamDocs: 4, reindexDocs: 4, streamBatchSize: 2 });
  });

  it('headlines the largest corpus and keeps every size for the chart', () => {
    const report = toJsonReport(results);

    expect(report.search?.corpusSize).toBe(10_000);
    expect(report.search?.bySize.map((s) => s.corpusSize)).toEqual([1_000, 10_000]);
  });
});
