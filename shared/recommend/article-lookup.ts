import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../articles/batch-io.js';
import { BackendError } from '../errors.js';
import { type ListedArticle, listedArticleFields } from './listed-article.js';

/** What the read path needs to know about an article now: enough to show and explain it. */
export type CurrentArticle = ListedArticle;

/** Absent from the map: the article never existed or was deleted. */
export type CurrentArticles = Map<string, CurrentArticle>;

/** The attributes a lookup reads (also what the related benchmark reads raw). */
export const projected = [...listedArticleFields, 'deleted'];

/**
 * A widget is waiting: six rounds of unprocessed keys (about 1.2 s of backoff at most), where
 * the writers' default allows more.
 */
const readRetries = { attempts: 6, baseDelayMs: 40 };

/**
 * Reads the current state of listed articles from the articles table, the source of truth, in
 * one strongly consistent BatchGetItem: a delete or an unlabeling is seen the moment the write
 * returns, before the stream has reached the index.
 */
export class ArticleLookup {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(ids: readonly string[]): Promise<CurrentArticles> {
    let items: Map<string, Record<string, unknown>>;
    try {
      items = await batchGetItems(this.db, this.tableName, ids, {
        ...readRetries,
        attributes: projected,
      });
    } catch (error) {
      throw new BackendError('The article store is unavailable.', { cause: error });
    }
    const found: CurrentArticles = new Map();
    for (const item of items.values()) {
      if (item.deleted === true) continue;
      const article = item as unknown as CurrentArticle;
      found.set(article.id, { ...article, evidence: article.evidence ?? null });
    }
    return found;
  }
}
