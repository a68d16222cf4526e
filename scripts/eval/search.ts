/**
 * `npm run eval -- [--dataset scifact|med] [--split test|train] [--json <file>] [--limit <n>]`
 *
 * Relevance of production search on a public biomedical test collection, beside the published
 * BM25 baseline. Uses OPENSEARCH_URL when set, otherwise starts a local node on port 9260 (data
 * under .local/opensearch/eval) and stops it afterwards. Tune on `train`, report `test`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { startOpenSearch } from '../local/opensearch.js';
import { repoRoot } from '../local/repo-root.js';
import { type DatasetName, datasets, loadCollection, type Split } from './collections.js';
import { evaluateSearch } from './evaluate.js';

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
const split = values.split as Split;
if (!datasets.includes(dataset)) throw new Error(`--dataset must be one of ${datasets.join(', ')}`);
if (split !== 'test' && split !== 'train') throw new Error('--split must be test or train');
const limit = values.limit === undefined ? undefined : Number(values.limit);

const log = (line: string) => process.stderr.write(`[eval] ${line}\n`);
const openSearch = await startOpenSearch({
  port: 9260,
  dataDir: join(repoRoot, '.local', 'opensearch', 'eval'),
  heapMb: 1024,
  log,
});
const client = createOpenSearchClient({
  openSearch: { url: openSearch.url, auth: 'none' },
  region: 'local',
});
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
    const file = resolve(values.json);
    await mkdir(dirname(file), { recursive: true });
    const report = {
      dataset,
      split,
      ndcg10: result.ndcg10,
      recall100: result.recall100,
      mrr10: result.mrr10,
      baselineNdcg10: baseline?.multifield ?? null,
    };
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  }
} finally {
  await client.close();
  await openSearch.stop();
}
