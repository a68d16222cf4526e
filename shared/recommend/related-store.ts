import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { BackendError } from '../errors.js';
import { type StoredRelatedList, storedRelatedListSchema } from './related-list.js';

/**
 * The related table: one precomputed list per source article (partition key `articleId`, TTL
 * attribute `expiresAt`). A list in an older or broken shape reads as missing, so a deploy that
 * changes the shape recomputes instead of failing.
 */
export class RelatedListStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The stored list, or undefined when there is none, it is unreadable or past its TTL. */
  async get(articleId: string, now: Date): Promise<StoredRelatedList | undefined> {
    const out = await this.call(() =>
      this.db.send(new GetCommand({ TableName: this.tableName, Key: { articleId } })),
    );
    const parsed = storedRelatedListSchema.safeParse(out.Item);
    if (!parsed.success) return undefined;
    // TTL deletion lags by up to two days; an expired list is not served meanwhile.
    return parsed.data.expiresAt * 1000 > now.getTime() ? parsed.data : undefined;
  }

  async put(list: StoredRelatedList): Promise<void> {
    await this.call(() => this.db.send(new PutCommand({ TableName: this.tableName, Item: list })));
  }

  async delete(articleId: string): Promise<void> {
    await this.call(() =>
      this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { articleId } })),
    );
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new BackendError('The related-articles store is unavailable.', { cause: error });
    }
  }
}
