/**
 * `npm run eval -- [--dataset scifact|med] [--split test|train] [--json <file>] [--limit <n>]`
 *
 * Relevance of production search on a public biomedical test collection, beside the published
 * BM25 baseline. Uses OPENSEARCH_URL when set, otherwise starts a local node on port 9260 (data
 * under .local/opensearch/eval) and stops it afterwards. Tune on `train`, report `test`.
 */
import { parseArgs } from 'node:util';
import { startLocalSearch } from '../local/local-search.js';
import { type DatasetName, datasets, loadCollection, parseSplit } from './collections.js';
import { evaluateSearch } from './evaluate.js';
import { writeJsonReport } from './json-report.js';

/**
 * Published BM25 nDCG@10 on the test split (BEIR paper Table 2 = Anserini "multifield"; Anserini
 * "flat" = one field). MED is not in BEIR and has no published figure.
 */
const publishedBaselines: Partial<Record<DatasetName, { multifield: number; flat: number }>> = {
  scifact: { multifield: 0.665, flat: 0.679 },
};

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'scifact' },
    split: { type: 'string', default: 'test' },
    json: { type: 'string' },
    limit: { type: 'string' },
  },
});
const dataset = values.dataset as DatasetName;
if (!datasets.includes(dataset)) throw new Error(`--dataset must be one of ${datasets.join(', ')}`);
const split = parseSplit(values.split);
const limit = values.limit === undefined ? undefined : Number(values.limit);

const log = (line: string) => process.stderr.write(`[eval] ${line}\n`);
const { client, close } = await startLocalSearch({ port: 9260, dataDirName: 'eval', log });
try {
  const collection = await loadCollection(dataset, split);
  log(
    `${dataset}/${split}: ${collection.documents.length} documents, ${collection.queries.length} judged queries`,
  );
  const result = await evaluateSearch(client, collection, { queryLimit: limit, log });
  const baseline = publishedBaselines[dataset];
  const row = (name: string, value: number | undefined, note = '') =>
    `${name.padEnd(12)} ${value === undefined ? '     —' : value.toFixed(4).padStart(6)}  ${note}`;
  console.log(`\n${dataset} ${split} (${result.queries} queries, ${result.documents} documents)`);
  console.log(
    row(
      'nDCG@10',
      result.ndcg10,
      baseline
        ? `published BM25: ${baseline.multifield} multifield, ${baseline.flat} flat (test split)`
        : 'no published baseline',
    ),
  );
  console.log(row('Recall@100', result.recall100));
  console.log(row('MRR@10', result.mrr10));
  if (values.json) {
    await writeJsonReport(values.json, {
      dataset,
      split,
      ndcg10: result.ndcg10,
      recall100: result.recall100,
      mrr10: result.mrr10,
      baselineNdcg10: baseline?.multifield ?? null,
    });
  }
} finally {
  await close();
}
