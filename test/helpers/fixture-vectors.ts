import { loadFixtureArticles } from '../../scripts/local/fixtures.js';
import type { LiveItem } from '../../shared/articles/stored-article.js';
import { embeddingText } from '../../shared/semantic/article-text.js';
import type { Embedder } from '../../shared/semantic/embedder.js';
import { encodeVector } from '../../shared/semantic/vector-codec.js';

/** The fixture articles as stored items, each with its vector by `embedder`. */
export async function fixturesWithVectors(embedder: Embedder): Promise<LiveItem[]> {
  const fixtures = await loadFixtureArticles();
  const vectors = await embedder.embed(fixtures.map(embeddingText), 'passage');
  return fixtures.map((article, i) => ({
    ...article,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    embedding: {
      model: embedder.model.name,
      hash: 'test',
      vector: encodeVector(vectors[i] as Float32Array),
    },
  }));
}
