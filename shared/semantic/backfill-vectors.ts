import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArticleStore } from '../articles/article-store.js';
import { isTombstone, parseStoredArticle, withoutEmbedding } from '../articles/stored-article.js';
import { PreconditionFailedError } from '../errors.js';
import { type ScanKey, scanPage } from '../ingest/table-scan.js';
import { isCurrent } from './article-embedding.js';
import { contentHash, embeddingText } from './article-text.js';

export interface BackfillResult {
  scanned: number;
  /** Articles rewritten with a new vector (each one a new version, indexed by the stream). */
  embedded: number;
  /** Articles an editor changed during the run: their own write already carries a vector. */
  skipped: number;
}

/**
 * Gives every live article a vector from `model`: those without one, with one of another model,
 * or with one of older content are written again through the store (whose embedder computes the
 * vector), conditional on the version read, so a concurrent edit always wins. Run it after
 * changing the model or importing articles; a second run finds nothing to do.
 */
export async function backfillVectors(
  deps: { db: DynamoDBDocumentClient; tableName: string; store: ArticleStore; model: string },
  onProgress: (result: BackfillResult) => void = () => {},
): Promise<BackfillResult> {
  const result: BackfillResult = { scanned: 0, embedded: 0, skipped: 0 };
  let startKey: ScanKey | undefined;
  do {
    const page = await scanPage(deps.db, deps.tableName, {
      segment: 0,
      totalSegments: 1,
      startKey,
    });
    for (const raw of page.items) {
      result.scanned++;
      const item = parseStoredArticle(raw);
      if (isTombstone(item)) continue;
      if (isCurrent(item.embedding, deps.model, contentHash(embeddingText(item)))) continue;
      const { version, updatedAt: _, ...input } = withoutEmbedding(item);
      try {
        await deps.store.put(input, { ifMatch: version });
        result.embedded++;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        result.skipped++;
      }
    }
    onProgress(result);
    startKey = page.next;
  } while (startKey);
  return result;
}
