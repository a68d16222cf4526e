import type { StoredEmbedding } from '../articles/stored-article.js';
import { contentHash, type EmbeddedFields, embeddingText } from './article-text.js';
import type { Embedder } from './embedder.js';
import { encodeVector } from './vector-codec.js';

/**
 * The vector to store with an article: `previous` when the embedded text and model are unchanged,
 * otherwise a new one; undefined when the model fails (the write goes on without a vector and the
 * backfill command adds it later).
 */
export type ArticleEmbedder = (
  article: EmbeddedFields,
  previous: StoredEmbedding | undefined,
) => Promise<StoredEmbedding | undefined>;

export function makeArticleEmbedder(
  embedder: Embedder,
  onError: (error: unknown) => void,
): ArticleEmbedder {
  return async (article, previous) => {
    const text = embeddingText(article);
    const hash = contentHash(text);
    if (isCurrent(previous, embedder.model.name, hash)) return previous;
    try {
      const [vector] = await embedder.embed([text], 'passage');
      return { model: embedder.model.name, hash, vector: encodeVector(vector as Float32Array) };
    } catch (error) {
      onError(error);
      return undefined;
    }
  };
}

/** True when a stored vector was made by `model` from text with this `hash`. */
export const isCurrent = (
  stored: StoredEmbedding | undefined,
  model: string,
  hash: string,
): stored is StoredEmbedding => stored?.model === model && stored.hash === hash;
