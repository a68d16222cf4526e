import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { vendoredVectorsPath } from '../../scripts/eval/collection-vectors.js';
import { loadCollection, toArticle } from '../../scripts/eval/collections.js';
import { ensureModelFiles } from '../../scripts/semantic/model-files.js';
import { embeddingText } from '../../shared/semantic/article-text.js';
import { loadEmbedder } from '../../shared/semantic/embedder.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { cosine, decodeVector } from '../../shared/semantic/vector-codec.js';

// The vendored vectors stand in for embedding the corpus in CI: they must be what the pinned
// model makes of each document today.
describe.each(['scifact', 'med'] as const)('vendored %s vectors', (dataset) => {
  it('cover every document and match a fresh embedding of a sample', {
    timeout: 120_000,
  }, async () => {
    const collection = await loadCollection(dataset, 'test');
    const file = vendoredVectorsPath(dataset, semanticModel.name);
    const vectors = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(vectors).sort()).toEqual(collection.documents.map((d) => d.id).sort());

    const embedder = await loadEmbedder(await ensureModelFiles(semanticModel), semanticModel);
    const sample = collection.documents.filter((_, i) => i % 250 === 0);
    const fresh = await embedder.embed(
      sample.map((doc) => embeddingText(toArticle(doc, dataset))),
      'passage',
    );
    sample.forEach((doc, i) => {
      const stored = decodeVector(vectors[doc.id] as string, semanticModel.dimensions);
      expect(cosine(stored as Float32Array, fresh[i] as Float32Array), doc.id).toBeGreaterThan(
        0.99,
      );
    });
  });
});
