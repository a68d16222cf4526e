import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Article } from '../../shared/articles/schema.js';
import { embeddingText } from '../../shared/semantic/article-text.js';
import type { Embedder } from '../../shared/semantic/embedder.js';
import { encodeVector } from '../../shared/semantic/vector-codec.js';
import { repoRoot } from '../local/repo-root.js';
import { type Collection, evalDataDir, toArticle } from './collections.js';

const cacheDir = join(repoRoot, '.local', 'eval-vectors');
const batchSize = 8;

/**
 * The collection's vectors by the production model, vendored beside it (gzipped JSON, id →
 * vector; listed with checksums in the dataset's README) so the CI guards need not embed
 * thousands of documents; `test/unit/eval-vectors.test.ts` recomputes a sample.
 */
export const vendoredVectorsPath = (dataset: string, model: string) =>
  join(evalDataDir, dataset, `vectors-${model}.json.gz`);

const parseVectors = (json: string) =>
  new Map(Object.entries(JSON.parse(json) as Record<string, string>));

/**
 * Every document's encoded vector (id → base64 int8), computed once per collection and model and
 * cached under `.local/eval-vectors/` (SciFact takes minutes on two cores; later runs read it),
 * unless the collection vendors them. A collection of complete articles (the site set's fixture
 * corpus: 55 articles, seconds) is embedded on every run, so an edited fixture is never scored
 * with a stale vector.
 */
export async function collectionVectors(
  collection: Pick<Collection, 'dataset' | 'documents' | 'articles'>,
  embedder: Embedder,
  log: (line: string) => void,
): Promise<Map<string, string>> {
  if (collection.articles) return embedArticles(collection.articles, embedder, log);
  const vendored = await readFile(
    vendoredVectorsPath(collection.dataset, embedder.model.name),
  ).catch(() => undefined);
  if (vendored) return parseVectors(gunzipSync(vendored).toString('utf8'));
  const file = join(cacheDir, `${collection.dataset}-${embedder.model.name}.json`);
  const cached = await readFile(file, 'utf8').catch(() => undefined);
  if (cached) return parseVectors(cached);

  const vectors = await embedArticles(
    collection.documents.map((doc) => toArticle(doc, collection.dataset)),
    embedder,
    log,
  );
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify(Object.fromEntries(vectors)));
  return vectors;
}

/** The articles' encoded vectors by id, embedded in batches as the articles function embeds. */
async function embedArticles(
  articles: readonly Article[],
  embedder: Embedder,
  log: (line: string) => void,
): Promise<Map<string, string>> {
  const vectors = new Map<string, string>();
  const started = performance.now();
  // similar lengths side by side: a batch is padded to its longest text
  const documents = articles
    .map((article) => ({ id: article.id, text: embeddingText(article) }))
    .sort((a, b) => a.text.length - b.text.length);
  for (let i = 0; i < documents.length; i += batchSize) {
    const batch = documents.slice(i, i + batchSize);
    const embedded = await embedder.embed(
      batch.map((doc) => doc.text),
      'passage',
    );
    batch.forEach((doc, j) => {
      vectors.set(doc.id, encodeVector(embedded[j] as Float32Array));
    });
    if ((i / batchSize) % 50 === 0) {
      const perSecond = vectors.size / ((performance.now() - started) / 1000);
      log(`embedded ${vectors.size}/${documents.length} (${perSecond.toFixed(1)} documents/s)`);
    }
  }
  return vectors;
}
