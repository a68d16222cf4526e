/**
 * `npm run eval -- [--dataset scifact|med|site] [--split train|test] [--set relevance.<path>=<value>]…
 *   [--semantic] [--json <file>] [--limit <n>]`
 *
 * `--semantic` runs the semantic step with the production model (documents embedded once per
 * collection and cached under .local/eval-vectors/, or vendored beside it).
 *
 * Relevance of production search on a vendored public test collection (data/eval/), beside the
 * published BM25 baseline. Defaults to the train split (tune there); `--split test` reports.
 * `--set` tries a ranking variant without editing code (see overrides.ts). Uses OPENSEARCH_URL
 * when set, otherwise starts a local node on port 9260 (data under .local/opensearch/eval) and
 * stops it afterwards. `--dataset site`: the judged visitor queries over the fixture corpus,
 * reported as nDCG@5 and zero-result rate per query group.
 */
import { parseArgs } from 'node:util';
import { relevance } from '../../shared/search/relevance.js';
import { startLocalSearch } from '../local/local-search.js';
import { bootstrapMean, mean } from './bootstrap.js';
import {
  type Collection,
  chooseSplit,
  datasets,
  loadCollection,
  parseDataset,
} from './collections.js';
import { type Evaluation, evaluateSearch, judgmentsOf, loadEvalSemantic } from './evaluate.js';
import { writeJsonReport } from './json-report.js';
import { scoreQueries } from './metrics.js';
import { applyOverrides, describeOverrides } from './overrides.js';
import { scoreSite } from './site-collection.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'scifact' },
    split: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    json: { type: 'string' },
    limit: { type: 'string' },
    semantic: { type: 'boolean', default: false },
  },
});
const dataset = parseDataset(values.dataset);
const { split, note } = chooseSplit(dataset, values.split);
const settings = applyOverrides({ relevance }, values.set);
const limit = values.limit === undefined ? undefined : Number(values.limit);

const log = (line: string) => process.stderr.write(`[eval] ${line}\n`);
if (note) log(note);
const { client, close } = await startLocalSearch({
  port: 9260,
  dataDirName: 'eval',
  log,
  requestTimeoutMs: 120_000,
});
try {
  const collection = await loadCollection(dataset, split);
  log(
    `${dataset}/${split}: ${collection.articles?.length ?? collection.documents.length} documents, ${collection.queries.length} judged queries`,
  );
  const result = await evaluateSearch(client, collection, {
    queryLimit: limit,
    tuning: settings.relevance,
    semantic: values.semantic ? await loadEvalSemantic(collection, log) : undefined,
    log,
  });
  if (dataset === 'site') await reportSite(collection, result);
  else await reportCollection(result);
  if (result.lexicalRuns) reportPaired(collection, result, result.lexicalRuns);
} finally {
  await close();
}

async function reportCollection(result: Evaluation) {
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
  await report({
    queries: result.queries,
    ndcg10: result.ndcg10,
    recall100: result.recall100,
    mrr10: result.mrr10,
    intervals,
    baselineNdcg10: baseline?.ndcg10 ?? null,
  });
}

/**
 * `--semantic`: the semantic step against lexical ranking on the same index, query by query
 * (nDCG@5 for the site set, per group too; nDCG@10 otherwise), with the paired difference's
 * 95% bootstrap interval.
 */
function reportPaired(
  collection: Collection,
  result: Evaluation,
  lexicalRuns: Map<string, string[]>,
) {
  const line = (name: string, semantic: number[], lexical: number[]) => {
    const d = bootstrapMean(semantic.map((v, i) => v - (lexical[i] as number)));
    const count = (sign: number) =>
      semantic.filter((v, i) => Math.sign(v - (lexical[i] as number)) === sign).length;
    const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
    return `${name.padEnd(14)} ${mean(lexical).toFixed(4)}  ${mean(semantic).toFixed(4)}  ${signed(d.mean)} [${signed(d.low)}, ${signed(d.high)}]  ${count(1)}/${count(-1)}`;
  };
  console.log('\nsemantic vs lexical, same index (paired)');
  console.log(`${'queries'.padEnd(14)} lexical semantic difference [95% CI]     better/worse`);
  if (dataset !== 'site') {
    const queries = collection.queries.slice(0, limit);
    const lexical = scoreQueries(lexicalRuns, judgmentsOf(collection, queries));
    console.log(
      line(
        `all nDCG@10`,
        result.perQuery.map((q) => q.ndcg10),
        lexical.map((q) => q.ndcg10),
      ),
    );
    return;
  }
  const semantic = scoreSite(collection, result.runs).perQuery;
  const lexical = scoreSite(collection, lexicalRuns).perQuery;
  const groups = [...new Set(semantic.map((q) => q.group ?? ''))];
  const pick = (rows: typeof semantic, group?: string) =>
    rows.filter((q) => group === undefined || (q.group ?? '') === group).map((q) => q.ndcg5);
  for (const group of groups) console.log(line(group, pick(semantic, group), pick(lexical, group)));
  console.log(line('all nDCG@5', pick(semantic), pick(lexical)));
}

/** `--json`: the run's figures, with what was run. */
async function report(figures: Record<string, unknown>) {
  if (values.json) {
    await writeJsonReport(values.json, { dataset, split, overrides: values.set, ...figures });
  }
}

/** nDCG@5 and zero-result rate, overall and per query group; weak queries go to the log. */
async function reportSite(collection: Parameters<typeof scoreSite>[0], result: Evaluation) {
  const site = scoreSite(collection, result.runs);
  for (const row of site.perQuery.filter((r) => r.ndcg5 < 0.75)) {
    log(
      `weak: ${row.id} ${row.group} "${row.text}" nDCG@5 ${row.ndcg5.toFixed(2)}, top ${row.top}`,
    );
  }
  const line = (name: string, s: { queries: number; ndcg5: number; zeroResultRate: number }) =>
    `${name.padEnd(14)} ${String(s.queries).padStart(7)}  ${s.ndcg5.toFixed(4)}  ${s.zeroResultRate.toFixed(3)}`;
  console.log(
    `\nsite ${split} (${site.queries} visitor queries; ${describeOverrides(values.set)})`,
  );
  console.log(`${'group'.padEnd(14)} queries  nDCG@5  zero-result rate`);
  for (const [group, scores] of Object.entries(site.groups)) console.log(line(group, scores));
  console.log(line('all', site));
  await report({ ndcg5: site.ndcg5, zeroResultRate: site.zeroResultRate, groups: site.groups });
}
