/**
 * `npm run eval:related:tune -- [--budget <n>] [--seed <n>]`
 *
 * Gives the plain more_like_this baseline and the recommender the same tuning budget on SciFact
 * *train* pairs only: for each, its starting settings (OpenSearch's defaults; production's tuning)
 * and then `budget − 1` distinct random configurations from its search space below, each scored
 * by nDCG@4 over the train source articles. Prints every trial best first, with the `--set` line
 * that reproduces it in `npm run eval:related`. Nothing is changed: adopting a winner is a code
 * edit (related-methods.ts `tunedMoreLikeThis`, shared/recommend/tuning.ts) logged in the README.
 */
import { parseArgs } from 'node:util';
import { relatedTuning } from '../../shared/recommend/tuning.js';
import { createRandom } from '../fixtures/seeded-random.js';
import { startLocalSearch } from '../local/local-search.js';
import { applyOverrides } from './overrides.js';
import { loadPairs, preparePairs } from './related-evaluate.js';
import {
  engineMethod,
  type Method,
  moreLikeThisMethod,
  openSearchMoreLikeThis,
} from './related-methods.js';

/** Each method's knobs (as `--set` paths) and the values tried for them. */
const spaces: Record<string, Record<string, ReadonlyArray<number | string>>> = {
  more_like_this: {
    'mlt.minTermFreq': [1, 2, 3],
    'mlt.minDocFreq': [1, 2, 3, 5],
    'mlt.maxQueryTerms': [15, 25, 30, 40, 60, 100],
    'mlt.minimumShouldMatch': ['0%', '10%', '20%', '30%', '50%'],
  },
  recommender: {
    'related.weights.content': [0.4, 0.6, 0.8, 1],
    'related.weights.meaning': [0, 0.2, 0.4, 0.8, 1.2],
    'related.weights.tags': [0, 0.05, 0.1, 0.2, 0.3],
    'related.mmr.lambda': [0.5, 0.6, 0.7, 0.8, 0.9, 1],
    'related.good.coverage': [0.05, 0.1, 0.15, 0.2],
    'related.good.closeCoverage': [0.15, 0.2, 0.3],
    'related.moreLikeThis.maxQueryTerms': [25, 30, 50],
    'related.moreLikeThis.minimumShouldMatch': ['10%', '20%', '30%'],
  },
};

const { values } = parseArgs({
  options: {
    budget: { type: 'string', default: '32' },
    seed: { type: 'string', default: '7' },
  },
});
const budget = Number(values.budget);
if (!Number.isInteger(budget) || budget < 1) throw new Error('--budget must be a positive integer');

/** The starting point, then distinct random draws from the space, `budget` in all. */
function trials(space: Record<string, ReadonlyArray<number | string>>, seed: number): string[][] {
  const random = createRandom(seed);
  const seen = new Set<string>();
  const result: string[][] = [[]];
  const size = Object.values(space).reduce((n, options) => n * options.length, 1);
  while (result.length < Math.min(budget, size + 1)) {
    const assignments = Object.entries(space).map(
      ([path, options]) => `${path}=${random.pick(options)}`,
    );
    const key = assignments.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(assignments);
  }
  return result;
}

const methodFor = (name: string, assignments: string[]): Method => {
  const settings = applyOverrides(
    { related: relatedTuning, mlt: openSearchMoreLikeThis },
    assignments,
  );
  return name === 'recommender'
    ? { name, make: engineMethod(settings.related) }
    : { name, make: moreLikeThisMethod(settings.mlt) };
};

const log = (line: string) => process.stderr.write(`[eval:related:tune] ${line}\n`);
const { client, close } = await startLocalSearch({
  port: 9270,
  dataDirName: 'eval-related',
  log,
  requestTimeoutMs: 60_000,
});
try {
  const { pairs } = await loadPairs('scifact', 'train');
  const prepared = await preparePairs(client, pairs);
  try {
    log(`scifact (train): ${prepared.sources} source articles, budget ${budget} per method`);
    for (const [name, space] of Object.entries(spaces)) {
      const scored: Array<{ assignments: string[]; ndcg: number; precision: number }> = [];
      for (const [i, assignments] of trials(space, Number(values.seed)).entries()) {
        const [result] = await prepared.run([methodFor(name, assignments)]);
        if (!result) continue;
        scored.push({ assignments, ndcg: result.ndcg.mean, precision: result.precision.mean });
        log(`${name} ${i + 1}/${budget}: nDCG@4 ${result.ndcg.mean.toFixed(4)}`);
      }
      scored.sort((a, b) => b.ndcg - a.ndcg || b.precision - a.precision);
      console.log(`\n${name}: ${scored.length} trials on SciFact train, best first`);
      for (const s of scored) {
        const set = s.assignments.map((a) => `--set ${a}`).join(' ') || '(starting settings)';
        console.log(`nDCG@4 ${s.ndcg.toFixed(4)}  P@4 ${s.precision.toFixed(4)}  ${set}`);
      }
    }
  } finally {
    await prepared.drop();
  }
} finally {
  await close();
}
