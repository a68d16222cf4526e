import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  BackendError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
} from '../errors.js';
import type { ArticleEmbedder } from '../semantic/article-embedding.js';
import type { Article, ArticleInput } from './schema.js';
import {
  isTombstone,
  type LiveItem,
  parseStoredArticle,
  type StoredArticle,
  type StoredEmbedding,
  type Tombstone,
  withoutEmbedding,
} from './stored-article.js';

export interface WriteOptions {
  /** Optimistic concurrency: the live version the editor last saw (HTTP If-Match). */
  ifMatch?: number;
  now?: Date;
}

/** How many times a write re-reads and retries when another writer got in between. */
const raceRetries = 3;

/**
 * What the table holds under an id, as far as a write needs it: the version to continue from and
 * the item, unless it does not parse (written outside the API). Such an item counts as a live
 * article, so a PUT replaces it and a DELETE tombstones it — the way to repair it.
 */
interface Current {
  version: number;
  item: StoredArticle | undefined;
}

const isLive = (current: Current | undefined): current is Current =>
  current !== undefined && !(current.item && isTombstone(current.item));

/** The vector the live item already has, to be reused when its content did not change. */
const previousEmbedding = (current: Current | undefined): StoredEmbedding | undefined =>
  current?.item && !isTombstone(current.item) ? current.item.embedding : undefined;

/**
 * The articles table, source of truth. Every write is conditional on the version it read, so an
 * article's `version` strictly increases across updates, deletes (tombstones) and re-creation.
 * With an `embed` function, each write stores the article's sentence vector beside it (computed
 * only when the embedded text changed), so indexing and reindexing never run the model.
 */
export class ArticleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly embed?: ArticleEmbedder,
  ) {}

  /** The live article, or undefined when it never existed or was deleted. */
  async get(id: string): Promise<Article | undefined> {
    const item = await this.live(id);
    return item && withoutEmbedding(item);
  }

  /** The live article with its stored sentence vector, if any (what related lists compare). */
  async live(id: string): Promise<LiveItem | undefined> {
    const current = await this.read(id);
    if (!isLive(current)) return undefined;
    if (!current.item) {
      throw new AppError(
        `Article '${id}' is stored in an invalid form; a PUT replaces it.`,
        500,
        'Internal Server Error',
        { expose: true },
      );
    }
    return current.item as LiveItem;
  }

  /** Creates or replaces an article; `created` tells whether no live article existed. */
  async put(
    input: ArticleInput,
    options: WriteOptions = {},
  ): Promise<{ article: Article; created: boolean }> {
    return this.writeConditionally(input.id, options, async (current, updatedAt) => {
      const article: Article = { ...input, version: (current?.version ?? 0) + 1, updatedAt };
      const embedding = await this.embed?.(input, previousEmbedding(current));
      const item: LiveItem = embedding ? { ...article, embedding } : article;
      return { item, result: { article, created: !isLive(current) } };
    });
  }

  /** Deletes an article by writing its tombstone; 404 when there is no live article. */
  async delete(id: string, options: WriteOptions = {}): Promise<Tombstone> {
    return this.writeConditionally(id, options, (current, updatedAt) => {
      if (!isLive(current)) throw new NotFoundError(`Article '${id}' does not exist.`);
      const tombstone: Tombstone = { id, deleted: true, version: current.version + 1, updatedAt };
      return { item: tombstone, result: tombstone };
    });
  }

  private async writeConditionally<T>(
    id: string,
    options: WriteOptions,
    next: (
      current: Current | undefined,
      updatedAt: string,
    ) => { item: StoredArticle; result: T } | Promise<{ item: StoredArticle; result: T }>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.read(id);
      const live = isLive(current) ? current : undefined;
      if (options.ifMatch !== undefined && live?.version !== options.ifMatch) {
        throw new PreconditionFailedError(
          `Article '${id}' is at version ${live?.version ?? 'none'}, not ${options.ifMatch}.`,
        );
      }
      const { item, result } = await next(current, (options.now ?? new Date()).toISOString());
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ConditionExpression: current ? '#version = :read' : 'attribute_not_exists(#id)',
            ExpressionAttributeNames: current ? { '#version': 'version' } : { '#id': 'id' },
            ExpressionAttributeValues: current ? { ':read': current.version } : undefined,
          }),
        );
        return result;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) {
          throw new BackendError('The article store is unavailable.', { cause: error });
        }
        // Another writer moved the version between our read and write: re-read and try again,
        // unless the editor pinned a version, in which case theirs is now stale.
        if (options.ifMatch !== undefined) {
          throw new PreconditionFailedError(`Article '${id}' was changed by another writer.`);
        }
        if (attempt >= raceRetries) {
          throw new ConflictError(`Article '${id}' is being changed concurrently; retry.`);
        }
      }
    }
  }

  private async read(id: string): Promise<Current | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      const out = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
      );
      item = out.Item;
    } catch (error) {
      throw new BackendError('The article store is unavailable.', { cause: error });
    }
    if (!item) return undefined;
    try {
      const stored = parseStoredArticle(item);
      return { version: stored.version, item: stored };
    } catch (error) {
      if (Number.isSafeInteger(item.version) && Number(item.version) > 0) {
        return { version: Number(item.version), item: undefined };
      }
      throw new AppError(
        `Article '${id}' is stored without a valid version.`,
        500,
        'Internal Server Error',
        {
          cause: error,
        },
      );
    }
  }
}
