import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../concurrency.js';
import { contentHash, embeddingText } from '../semantic/article-text.js';
import { type BatchOptions, batchGetItems, batchPutItems } from './batch-io.js';
import type { ArticleInput } from './schema.js';
import { type LiveItem, type StoredEmbedding, storedEmbeddingSchema } from './stored-article.js';

export interface ImportProgress {
  written: number;
  total: number;
}

export interface ImportResult {
  written: number;
  /** Ids that had no live article before (new, or re-created over a tombstone). */
  created: number;
  replaced: number;
  durationMs: number;
}

export interface ImportOptions extends BatchOptions {
  onProgress?: (progress: ImportProgress) => void;
  now?: Date;
  /** Chunks (of 100 articles) in flight at once. */
  concurrency?: number;
}

/** BatchGetItem reads up to 100 keys: one read per chunk. */
const chunkSize = 100;

/**
 * Writes validated articles to the table with BatchWriteItem, so they reach the index through the
 * same stream path as API writes. Each article's version continues above the item it replaces
 * (live or tombstone), read first with consistent BatchGetItem.
 *
 * BatchWriteItem cannot carry conditions, so unlike the API this is not a compare-and-set: an
 * editor saving one of the same ids between our read and write (one round trip per chunk) would be
 * overwritten, possibly with an equal version, which the index resolves to the first write it sees.
 * Imports are an operator's bulk load; run them while those articles are not being edited (or use
 * the API, whose writes are conditional). Ids must be unique within one call.
 */
export async function importArticles(
  db: DynamoDBDocumentClient,
  tableName: string,
  articles: readonly ArticleInput[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const started = performance.now();
  const ids = new Set(articles.map((a) => a.id));
  if (ids.size !== articles.length) throw new Error('importArticles: ids must be unique');
  const updatedAt = (options.now ?? new Date()).toISOString();
  const chunks: ArticleInput[][] = [];
  for (let i = 0; i < articles.length; i += chunkSize)
    chunks.push(articles.slice(i, i + chunkSize));
  const result = { written: 0, created: 0, replaced: 0 };

  const importChunk = async (chunk: ArticleInput[]) => {
    const existing = await batchGetItems(
      db,
      tableName,
      chunk.map((a) => a.id),
      { ...options, attributes: ['id', 'version', 'deleted', 'embedding'] },
    );
    const items: LiveItem[] = chunk.map((input) => {
      const before = existing.get(input.id);
      const embedding = unchangedEmbedding(input, before?.embedding);
      const article = { ...input, version: Number(before?.version ?? 0) + 1, updatedAt };
      return embedding ? { ...article, embedding } : article;
    });
    await batchPutItems(db, tableName, items, options);
    for (const { id } of chunk) {
      const before = existing.get(id);
      if (before && before.deleted !== true) result.replaced++;
      else result.created++;
    }
    result.written += chunk.length;
    options.onProgress?.({ written: result.written, total: articles.length });
  };

  await forEachConcurrently(chunks, options.concurrency ?? 4, importChunk);
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

/**
 * The stored vector, kept when the article's embedded text is unchanged (the backfill command
 * computes the others, and replaces vectors of another model).
 */
function unchangedEmbedding(input: ArticleInput, stored: unknown): StoredEmbedding | undefined {
  const parsed = storedEmbeddingSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  return parsed.data.hash === contentHash(embeddingText(input)) ? parsed.data : undefined;
}
