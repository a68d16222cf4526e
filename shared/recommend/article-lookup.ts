import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BackendError } from '../errors.js';
import { type ListedArticle, listedArticleFields } from './listed-article.js';

/** What the read path needs to know about an article now: enough to show and explain it. */
export type CurrentArticle = ListedArticle;

/** Absent from the map: the article never existed or was deleted. */
export type CurrentArticles = Map<string, CurrentArticle>;

/** BatchGetItem's per-request key limit. */
const batchKeys = 100;
const unprocessedRetries = 5;
/** The attributes a lookup reads (also what the related benchmark reads raw). */
export const projected = [...listedArticleFields, 'deleted'];

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
    const found: CurrentArticles = new Map();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += batchKeys) {
      for (const item of await this.batchGet(unique.slice(i, i + batchKeys))) {
        if (item.deleted === true) continue;
        const article = item as unknown as CurrentArticle;
        found.set(article.id, { ...article, evidence: article.evidence ?? null });
      }
    }
    return found;
  }

  private async batchGet(ids: readonly string[]): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let keys: Array<Record<string, unknown>> = ids.map((id) => ({ id }));
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > unprocessedRetries) {
        throw new BackendError('The article store is unavailable.', {
          cause: new Error(`${keys.length} keys stayed unprocessed`),
        });
      }
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      try {
        const out = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                ConsistentRead: true,
                ProjectionExpression: projected.map((_, n) => `#a${n}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(
                  projected.map((name, n) => [`#a${n}`, name]),
                ),
              },
            },
          }),
        );
        items.push(...(out.Responses?.[this.tableName] ?? []));
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      } catch (error) {
        throw new BackendError('The article store is unavailable.', { cause: error });
      }
    }
    return items;
  }
}
