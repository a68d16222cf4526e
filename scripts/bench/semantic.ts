/**
 * `npm run bench:semantic`
 *
 * Cost of the semantic step, on this machine: cold start (import onnxruntime, load the model,
 * first query) and its memory; query embedding and document embedding times; and `/search`
 * latency through the search service with and without the step, on the SciFact corpus indexed
 * with its vectors (the eval's cache, .local/eval-vectors/) and its 300 test queries, each run once
 * per mode (no query-vector cache hits). Local figures on a shared machine: compare runs.
 */

import { relevance } from '../../shared/search/relevance.js';
import { parseSearchParams } from '../../shared/search/search-params.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { semanticRankingOf } from '../../shared/search/semantic-rerank.js';
import { embeddingText } from '../../shared/semantic/article-text.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { loadCollection } from '../eval/collections.js';
import { indexCollection, loadEvalSemantic } from '../eval/evaluate.js';
import { loadFixtureArticles } from '../local/fixtures.js';
import { startLocalSearch } from '../local/local-search.js';
import { ensureModelFiles } from '../semantic/model-files.js';
import { latencyRow } from './percentiles.js';

const log = (line: string) => process.stderr.write(`[bench:semantic] ${line}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};

const modelDir = await ensureModelFiles(semanticModel, log);
const rssBefore = process.memoryUsage().rss;
const [{ loadEmbedder }, importMs] = await timed(() => import('../../shared/semantic/embedder.js'));
const [embedder, loadMs] = await timed(() => loadEmbedder(modelDir, semanticModel));
const [, firstMs] = await timed(() => embedder.embed(['first query after a cold start'], 'query'));
const rssAfter = process.memoryUsage().rss;

const collection = await loadCollection('scifact', 'test');
const queryMs: number[] = [];
for (const query of collection.queries) {
  queryMs.push((await timed(() => embedder.embed([query.text], 'query')))[1]);
}
const fixtures = await loadFixtureArticles();
const documentMs: number[] = [];
for (const article of fixtures) {
  documentMs.push((await timed(() => embedder.embed([embeddingText(article)], 'passage')))[1]);
}

const semantic = await loadEvalSemantic(collection, log);
const { client, close } = await startLocalSearch({
  port: 0,
  dataDirName: 'bench-semantic',
  log,
  requestTimeoutMs: 60_000,
});
const searchMs = { lexical: [] as number[], semantic: [] as number[] };
try {
  const index = await indexCollection(client, collection, semantic);
  try {
    const tuning =
      relevance.semantic.weight > 0
        ? relevance
        : { ...relevance, semantic: { ...relevance.semantic, weight: 0.6 } };
    const services = {
      lexical: createSearchService(client, { index: index.alias, tuning }),
      semantic: createSearchService(client, {
        index: index.alias,
        tuning,
        semantic: semanticRankingOf(semantic.embedder),
      }),
    };
    for (const mode of ['lexical', 'semantic'] as const) {
      for (const query of collection.queries) {
        const params = parseSearchParams(new Map([['q', [query.text]]]));
        searchMs[mode].push((await timed(() => services[mode].search(params)))[1]);
      }
    }
  } finally {
    await index.drop();
  }
} finally {
  await close();
}

console.log(`\nsemantic step with ${semanticModel.name} (${process.arch})`);
console.log(
  `cold start: import ${importMs.toFixed(0)} ms + load ${loadMs.toFixed(0)} ms + first query ${firstMs.toFixed(0)} ms; RSS +${mb(rssAfter - rssBefore)}`,
);
console.log('\n| what | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
console.log(latencyRow('query embedding (SciFact test queries)', queryMs));
console.log(latencyRow('document embedding (fixture articles, one at a time)', documentMs));
console.log(latencyRow('search, lexical (page of 10)', searchMs.lexical));
console.log(latencyRow('search, with the semantic step', searchMs.semantic));
