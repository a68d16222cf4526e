import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BackendError } from '../errors.js';

/**
 * `written`: an article the stream indexer had no time for; refreshing it recomputes its own list
 * and marks its neighbours. `neighbour`: a list that may now miss a newly written article.
 */
export type MarkKind = 'written' | 'neighbour';

export interface Mark {
  id: string;
  kind: MarkKind;
  /** Epoch ms of the latest marking; acknowledging is conditional on it. */
  markedAt: number;
}

const mapOf: Record<MarkKind, string> = { written: 'written', neighbour: 'neighbours' };
/** Spreads marks over items so none nears DynamoDB's 400 KB item limit (~3,000 marks each). */
const shardCount = 16;
/** Keys that can never clash with an article id (slugs are [a-z0-9-]). */
const shardKey = (shard: number) => `~refresh-marks#${String(shard).padStart(2, '0')}`;
const shardOf = (id: string) => (createHash('sha1').update(id).digest()[0] ?? 0) % shardCount;

/**
 * The queue of related lists to recompute, kept in the related table as a few shard items whose
 * maps go from article id to the time it was marked. Marking the same id again just moves its
 * time, so the queue never holds duplicates; an acknowledgement removes a mark only if nobody
 * marked it again meanwhile, so a write during a refresh is never lost.
 */
export class NeighbourQueue {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async mark(ids: readonly string[], kind: MarkKind): Promise<void> {
    const byShard = new Map<number, string[]>();
    for (const id of new Set(ids))
      byShard.set(shardOf(id), [...(byShard.get(shardOf(id)) ?? []), id]);
    const markedAt = this.now();
    await Promise.all(
      [...byShard].map(([shard, shardIds]) => this.markInShard(shard, shardIds, kind, markedAt)),
    );
  }

  /** Up to `max` marks, articles written without a list first, then the oldest. */
  async peek(max: number): Promise<Mark[]> {
    const keys = Array.from({ length: shardCount }, (_, shard) => ({ articleId: shardKey(shard) }));
    let items: Array<Record<string, unknown>>;
    try {
      const out = await this.db.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
        }),
      );
      // 16 small items never exceed BatchGetItem's limits, so nothing stays unprocessed
      items = out.Responses?.[this.tableName] ?? [];
    } catch (error) {
      throw new BackendError('The refresh queue is unavailable.', { cause: error });
    }
    const marks = items.flatMap((item) =>
      (Object.keys(mapOf) as MarkKind[]).flatMap((kind) =>
        Object.entries((item[mapOf[kind]] ?? {}) as Record<string, number>).map(
          ([id, markedAt]) => ({ id, kind, markedAt }),
        ),
      ),
    );
    return marks
      .sort(
        (a, b) =>
          Number(b.kind === 'written') - Number(a.kind === 'written') ||
          a.markedAt - b.markedAt ||
          a.id.localeCompare(b.id),
      )
      .slice(0, max);
  }

  /** Removes a mark, unless it was marked again after `peek` returned it. */
  async acknowledge(mark: Mark): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { articleId: shardKey(shardOf(mark.id)) },
          UpdateExpression: 'REMOVE #map.#id',
          ConditionExpression: '#map.#id = :markedAt',
          ExpressionAttributeNames: { '#map': mapOf[mark.kind], '#id': mark.id },
          ExpressionAttributeValues: { ':markedAt': mark.markedAt },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw new BackendError('The refresh queue is unavailable.', { cause: error });
    }
  }

  private async markInShard(shard: number, ids: string[], kind: MarkKind, markedAt: number) {
    const names: Record<string, string> = { '#map': mapOf[kind] };
    ids.forEach((id, n) => {
      names[`#i${n}`] = id;
    });
    const set = new UpdateCommand({
      TableName: this.tableName,
      Key: { articleId: shardKey(shard) },
      UpdateExpression: `SET ${ids.map((_, n) => `#map.#i${n} = :at`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':at': markedAt },
    });
    try {
      await this.db.send(set);
    } catch (error) {
      // The shard item or its map does not exist yet: create both maps, then mark again.
      if (!(error instanceof Error) || error.name !== 'ValidationException') {
        throw new BackendError('The refresh queue is unavailable.', { cause: error });
      }
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { articleId: shardKey(shard) },
            UpdateExpression: 'SET #w = if_not_exists(#w, :empty), #n = if_not_exists(#n, :empty)',
            ExpressionAttributeNames: { '#w': mapOf.written, '#n': mapOf.neighbour },
            ExpressionAttributeValues: { ':empty': {} },
          }),
        );
        await this.db.send(set);
      } catch (retryError) {
        throw new BackendError('The refresh queue is unavailable.', { cause: retryError });
      }
    }
  }
}
