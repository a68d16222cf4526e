/**
 * `npm run eval -- [--dataset scifact|med] [--split train|test] [--set relevance.<path>=<value>]…
 *   [--json <file>] [--limit <n>]`
 *
 * Relevance of production search on a vendored public test collection (data/eval/), beside the
 * published BM25 baseline. Defaults to the train split (tune there); `--split test` reports.
 * `--set` tries a ranking variant without editing code (see overrides.ts). Uses OPENSEARCH_URL
 * when set, otherwise starts a local node on port 9260 (data under .local/opensearch/eval) and
 * stops it afterwards.
 */
import { parseArgs } from 'node:util';
import { relevance } from '../../shared/search/relevance.js';
import { startLocalSearch } from '../local/local-search.js';
import { bootstrapMean } from './bootstrap.js';
import { chooseSplit, datasets, loadCollection, parseDataset } from './collections.js';
import { evaluateSearch } from './evaluate.js';
import { writeJsonReport } from './json-report.js';
import { applyOverrides, describeOverrides } from './overrides.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'scifact' },
    split: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    json: { type: 'string' },
    limit: { type: 'string' },
  },
});
const dataset = parseDataset(values.dataset);
const { split, note } = chooseSplit(dataset, values.split);
const settings = applyOverrides({ relevance }, values.set);
const limit = values.limit === undefined ? undefined : Number(values.limit);

const log = (line: string) => process.stderr.write(`[eval] ${line}\n`);
if (note) log(note);
const { client, close } = await startLocalSearch({ port: 9260, dataDirName: 'eval', log });
try {
  const collection = await loadCollection(dataset, split);
  log(
    `${dataset}/${split}: ${collection.documents.length} documents, ${collection.queries.length} judged queries`,
  );
  const result = await evaluateSearch(client, collection, {
    queryLimit: limit,
    tuning: settings.relevance,
    log,
  });
  const baseline = datasets[dataset].publishedBm25;
  const intervals = {
    ndcg10: bootstrapMean(result.perQuery.map((q) => q.ndcg10)),
    recall100: bootstrapMean(result.perQuery.map((q) => q.recall100)),
    mrr10: bootstrapMean(result.perQuery.map((q) => q.mrr10)),
  };
  const row = (name: string, key: keyof typeof intervals, extra = '') => {
    const { mean, low, high } = intervals[key];
    return `${name.padEnd(11)} ${mean.toFixed(4)} [95% CI ${low.toFixed(4)}, ${high.toFixed(4)}]  ${extra}`;
  };
  console.log(
    `\n${dataset} ${split} (${result.queries} queries, ${result.documents} documents; ${describeOverrides(values.set)})`,
  );
  console.log(
    row(
      'nDCG@10',
      'ndcg10',
      baseline ? `published BM25 (test): ${baseline.label}` : 'no published baseline',
    ),
  );
  console.log(row('Recall@100', 'recall100'));
  console.log(row('MRR@10', 'mrr10'));
  if (values.json) {
    await writeJsonReport(values.json, {
      dataset,
      split,
      overrides: values.set,
      queries: result.queries,
      ndcg10: result.ndcg10,
      recall100: result.recall100,
      mrr10: result.mrr10,
      intervals,
      baselineNdcg10: baseline?.ndcg10 ?? null,
    });
  }
} finally {
  await close();
}
