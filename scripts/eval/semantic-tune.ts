/**
 * `npm run eval:semantic -- [--dataset scifact] [--split train] [--model <name>]`
 *
 * Tunes the semantic step: production search's top 100 per judged query (lexical scores), then
 * the blend of shared/semantic/blend.ts, by query shape as production applies it (`blendFor`),
 * at every description weight and window, scored offline with the collection's cached document
 * vectors. Prints nDCG@10 per setting; tune on `train` only.
 */
import { parseArgs } from 'node:util';
import { relevance } from '../../shared/search/relevance.js';
import { parseSearchParams } from '../../shared/search/search-params.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { semanticOrder } from '../../shared/search/semantic-rerank.js';
import { loadEmbedder } from '../../shared/semantic/embedder.js';
import {
  type EmbeddingModelName,
  embeddingModels,
  semanticModel,
} from '../../shared/semantic/model.js';
import { decodeVector } from '../../shared/semantic/vector-codec.js';
import { startLocalSearch } from '../local/local-search.js';
import { ensureModelFiles } from '../semantic/model-files.js';
import { collectionVectors } from './collection-vectors.js';
import { chooseSplit, collectionPublishedAt, loadCollection, parseDataset } from './collections.js';
import { indexCollection } from './evaluate.js';
import { ndcgAt } from './metrics.js';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'scifact' },
    split: { type: 'string' },
    model: { type: 'string', default: semanticModel.name },
  },
});
const model = embeddingModels[values.model as EmbeddingModelName];
if (!model) throw new Error(`--model must be one of ${Object.keys(embeddingModels).join(', ')}`);
const log = (line: string) => process.stderr.write(`[semantic] ${line}\n`);

const dataset = parseDataset(values.dataset);
const { split, note } = chooseSplit(dataset, values.split);
if (note) log(note);
const collection = await loadCollection(dataset, split);
const embedder = await loadEmbedder(await ensureModelFiles(model, log), model);
const vectors = await collectionVectors(collection, embedder, log);
const docVector = new Map(
  [...vectors].map(([id, encoded]) => [id, decodeVector(encoded, model.dimensions)]),
);

const { client, close } = await startLocalSearch({
  port: 0,
  dataDirName: 'semantic-tune',
  log,
  requestTimeoutMs: 120_000,
});
const runs: Array<{
  id: string;
  text: string;
  hits: Array<{ id: string; score: number }>;
  misspelled: boolean;
  query: Float32Array;
}> = [];
const queryMs: number[] = [];
try {
  const index = await indexCollection(client, collection);
  try {
    const service = createSearchService(client, {
      index: index.alias,
      now: () => new Date(`${collectionPublishedAt}T12:00:00Z`),
      highlight: false,
    });
    for (const query of collection.queries) {
      const params = { ...parseSearchParams(new Map([['q', [query.text]]])), pageSize: 100 };
      const result = await service.search(params);
      const started = performance.now();
      const [vector] = (await embedder.embed([query.text], 'query')) as [Float32Array];
      queryMs.push(performance.now() - started);
      runs.push({
        id: query.id,
        text: query.text,
        hits: result.hits.map((h) => ({ id: h.id, score: h.score })),
        misspelled: result.didYouMean !== null,
        query: vector,
      });
    }
  } finally {
    await index.drop();
  }
} finally {
  await close();
}

const meanNdcg = (rank: (run: (typeof runs)[number]) => string[]) =>
  runs.reduce(
    (sum, run) => sum + ndcgAt(10, rank(run), collection.qrels.get(run.id) ?? new Map()),
    0,
  ) / runs.length;

queryMs.sort((a, b) => a - b);
console.log(
  `\n${collection.dataset} ${collection.split}, ${runs.length} queries, model ${model.name} (query embedding p50 ${queryMs[Math.floor(queryMs.length / 2)]?.toFixed(1)} ms)`,
);
console.log(`lexical           nDCG@10 ${meanNdcg((run) => run.hits.map((h) => h.id)).toFixed(4)}`);
for (const window of [20, 50, 100]) {
  const row: string[] = [];
  for (let weight = 0.1; weight < 0.95; weight += 0.1) {
    const score = meanNdcg((run) => {
      const top = run.hits.slice(0, window);
      const order = semanticOrder(
        run.text,
        top.map((h) => ({ lexical: h.score, vector: docVector.get(h.id) })),
        run.query,
        run.misspelled,
        { ...relevance.semantic, weight, window },
      );
      return [
        ...order.map((i) => (top[i] as { id: string }).id),
        ...run.hits.slice(window).map((h) => h.id),
      ];
    });
    row.push(`${weight.toFixed(1)}:${score.toFixed(4)}`);
  }
  console.log(`window ${String(window).padStart(3)}  ${row.join('  ')}`);
}
