import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { backoffMs, sleep as defaultSleep } from '../backoff.js';

/** DynamoDB's per-request limits. */
const maxGetKeys = 100;
const maxWriteItems = 25;

export interface BatchOptions {
  /** Rounds of re-sending what DynamoDB left unprocessed (throttling) before giving up. */
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Item = Record<string, unknown>;

/**
 * The one BatchGetItem of the project: reads items by id (100 keys per request, duplicates
 * asked once) with strongly consistent reads, re-requesting unprocessed keys with backoff and
 * jitter. Returns the items found, by id.
 */
export async function batchGetItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
  options: BatchOptions & { attributes?: readonly string[] } = {},
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  const projection = projectionOf(options.attributes);
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += maxGetKeys) {
    let keys: Item[] = unique.slice(i, i + maxGetKeys).map((id) => ({ id }));
    await withUnprocessedRetries(options, async () => {
      const out = await db.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true, ...projection } },
        }),
      );
      for (const item of out.Responses?.[tableName] ?? []) found.set(String(item.id), item);
      keys = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      return keys.length;
    });
  }
  return found;
}

/**
 * Puts items with BatchWriteItem (25 per request), re-sending unprocessed items with exponential
 * backoff. BatchWriteItem takes no condition expressions: callers own any version check.
 */
export async function batchPutItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  options: BatchOptions = {},
): Promise<void> {
  for (let i = 0; i < items.length; i += maxWriteItems) {
    let requests = items.slice(i, i + maxWriteItems).map((Item) => ({ PutRequest: { Item } }));
    await withUnprocessedRetries(options, async () => {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      return requests.length;
    });
  }
}

/** Read only these attributes (names are aliased: `version` and `deleted` are reserved words). */
export function projectionOf(attributes: readonly string[] | undefined) {
  if (!attributes) return {};
  return {
    ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
  };
}

/** Runs `round` until it reports nothing left, with backoff (and jitter) in between. */
async function withUnprocessedRetries(
  { attempts = 8, baseDelayMs = 50, sleep = defaultSleep }: BatchOptions,
  round: () => Promise<number>,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const left = await round();
    if (left === 0) return;
    if (attempt + 1 >= attempts) {
      throw new Error(`DynamoDB left ${left} request(s) unprocessed after ${attempts} attempts`);
    }
    await sleep(backoffMs(attempt + 1, baseDelayMs));
  }
}
