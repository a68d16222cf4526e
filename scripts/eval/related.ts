/**
 * `npm run eval:related -- [--dataset scifact|med|all] [--split train|test|all]
 *   [--set related.<path>=<value>] [--set mlt.<path>=<value>] [--json <file>]`
 *
 * Offline quality of the related-articles recommender on the vendored test collections
 * (data/eval/), beside baselines and an ablation (see related-methods.ts, comparedMethods), with
 * 95% bootstrap intervals over the source articles (see related-evaluate.ts). Pairs come from
 * the train judgments by default (tune there); `--split test` or `--split all` (train and test
 * judgments together: more source articles, for reporting) otherwise. MED has one query set.
 * `--set related.…` changes the recommender's tuning, `--set mlt.…` the tuned more_like_this
 * baseline's knobs.
 *
 * The collections have no tags, so they are derived, deterministically, from each document's own
 * text (related-labels.ts). They have no journals, evidence labels, categories or dates either:
 * every document gets the same ones, so those parts of the ranking and of the diversification
 * are neutral here.
 *
 * Uses OPENSEARCH_URL when set, otherwise starts a local node on port 9270 (data under
 * .local/opensearch/eval-related) and stops it afterwards.
 */
import { parseArgs } from 'node:util';
import { relatedTuning } from '../../shared/recommend/tuning.js';
import { startLocalSearch } from '../local/local-search.js';
import type { Interval } from './bootstrap.js';
import { type DatasetName, parseDataset, relatedDatasetNames } from './collections.js';
import { writeJsonReport } from './json-report.js';
import { applyOverrides, describeOverrides } from './overrides.js';
import { loadPairs, ndcgDifference, preparePairs } from './related-evaluate.js';
import { comparedMethods, tunedMoreLikeThis } from './related-methods.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    split: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    json: { type: 'string' },
  },
});
const chosen: DatasetName[] =
  values.dataset === 'all' ? relatedDatasetNames : [parseDataset(values.dataset)];
const settings = applyOverrides({ related: relatedTuning, mlt: tunedMoreLikeThis }, values.set);
const methods = comparedMethods(settings);

const log = (line: string) => process.stderr.write(`[eval:related] ${line}\n`);
const { client, close } = await startLocalSearch({
  port: 9270,
  dataDirName: 'eval-related',
  log,
  requestTimeoutMs: 60_000,
});
const figure = (i: Interval, digits = 3) =>
  `${i.mean.toFixed(digits)} [${i.low.toFixed(digits)}, ${i.high.toFixed(digits)}]`;
const percent = (i: Interval) =>
  `${(i.mean * 100).toFixed(1)}% [${(i.low * 100).toFixed(1)}, ${(i.high * 100).toFixed(1)}]`;
const signed = (i: Interval) =>
  `${i.mean >= 0 ? '+' : ''}${i.mean.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`;
try {
  const report: Record<string, unknown> = {};
  const lines = [
    '| collection (pairs from) | sources (pairs) | method | P@4 [95% CI] | nDCG@4 [95% CI] | ILD [95% CI] | fallback items [95% CI] |',
    '|---|---|---|---|---|---|---|',
  ];
  const differenceLines = [
    '| collection (pairs from) | recommender − | nDCG@4 difference [95% CI] |',
    '|---|---|---|',
  ];
  for (const dataset of chosen) {
    const { pairs, note } = await loadPairs(dataset, values.split);
    if (note) log(note);
    const prepared = await preparePairs(client, pairs);
    try {
      const label = `${dataset} (${pairs.pairSet})`;
      log(`${label}: ${prepared.sources} source articles, ${prepared.pairs} pairs`);
      const results = await prepared.run(methods);
      for (const r of results) {
        lines.push(
          `| ${label} | ${prepared.sources} (${prepared.pairs}) | ${r.name} | ${figure(r.precision)} | ` +
            `${figure(r.ndcg)} | ${figure(r.diversity)} | ${percent(r.fallback)} |`,
        );
      }
      const recommender = results.at(-1);
      if (!recommender) throw new Error('no methods to compare');
      const differences = results.slice(0, -1).map((r) => ({
        baseline: r.name,
        ndcg: ndcgDifference(recommender, r),
      }));
      for (const d of differences) {
        differenceLines.push(`| ${label} | ${d.baseline} | ${signed(d.ndcg)} |`);
      }
      report[`${dataset}/${pairs.pairSet}`] = {
        sources: prepared.sources,
        pairs: prepared.pairs,
        methods: results.map(({ perSource: _, ...r }) => r),
        differences,
      };
    } finally {
      await prepared.drop();
    }
  }
  console.log(`\n${describeOverrides(values.set)}\n`);
  console.log(`${lines.join('\n')}\n\n${differenceLines.join('\n')}`);
  if (values.json) await writeJsonReport(values.json, { overrides: values.set, ...report });
} finally {
  await close();
}
