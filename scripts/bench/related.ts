/**
 * `GET /articles/{id}/related` through the real related function in-process: live compute (its
 * stored list deleted first) and cached reads, and for the cached path the raw DynamoDB reads it
 * makes (GetItem of the list, consistent BatchGetItem of the source and its items, same
 * projection) with a bare client: how much the service adds to the store's own latency. Local
 * figures: moto is a Python emulator, not DynamoDB.
 */
import { BatchGetItemCommand, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../../shared/config.js';
import { projected } from '../../shared/recommend/article-lookup.js';
import { RelatedListStore } from '../../shared/recommend/related-store.js';
import { getEvent, type HttpLambda, invoke } from './events.js';
import { round, type Summary, summarize } from './percentiles.js';

export interface RelatedRun {
  articles: number;
  live: Summary;
  cached: Summary;
  rawReads: Summary;
  cachedVsRawP50: number;
  cachedVsRawP99: number;
}

export async function benchRelated(opts: {
  handler: HttpLambda;
  documents: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  config: Config;
  ids: readonly string[];
  rounds: number;
}): Promise<RelatedRun> {
  const lists = new RelatedListStore(opts.documents, opts.config.relatedTable);
  const get = async (id: string) => {
    const res = await invoke(opts.handler, getEvent(`/articles/${id}/related`, '', { id }));
    if (res.status !== 200) throw new Error(`related ${id}: ${res.status} ${res.body}`);
    return { ms: res.ms, cached: (JSON.parse(res.body) as { cached: boolean }).cached };
  };

  const live: number[] = [];
  for (const warmUp of [true, false]) {
    for (const id of opts.ids) {
      await lists.delete(id);
      const { ms, cached } = await get(id);
      if (cached) throw new Error(`${id} was served from a list that was deleted`);
      if (!warmUp) live.push(ms);
    }
  }

  const itemIds = new Map<string, string[]>();
  for (const id of opts.ids) {
    const list = await lists.get(id, new Date());
    if (list)
      itemIds.set(
        id,
        list.items.map((i) => i.id),
      );
  }
  const names = Object.fromEntries(projected.map((name, n) => [`#a${n}`, name]));
  const rawReads = async (id: string, items: readonly string[]) => {
    const started = performance.now();
    await opts.raw.send(
      new GetItemCommand({ TableName: opts.config.relatedTable, Key: { articleId: { S: id } } }),
    );
    await opts.raw.send(
      new BatchGetItemCommand({
        RequestItems: {
          [opts.config.articlesTable]: {
            Keys: [...new Set([id, ...items])].map((key) => ({ id: { S: key } })),
            ConsistentRead: true,
            ProjectionExpression: Object.keys(names).join(', '),
            ExpressionAttributeNames: names,
          },
        },
      }),
    );
    return performance.now() - started;
  };

  const cached: number[] = [];
  const raw: number[] = [];
  for (let r = -1; r < opts.rounds; r++) {
    for (const [i, [id, items]] of [...itemIds].entries()) {
      const pair = [
        async () => {
          const res = await get(id);
          if (!res.cached) throw new Error(`${id} was not served from its stored list`);
          if (r >= 0) cached.push(res.ms);
        },
        async () => {
          const ms = await rawReads(id, items);
          if (r >= 0) raw.push(ms);
        },
      ];
      // alternate which goes first; round -1 warms up
      for (const step of i % 2 === 0 ? pair : pair.reverse()) await step();
    }
  }
  const cachedSummary = summarize(cached);
  const rawSummary = summarize(raw);
  return {
    articles: itemIds.size,
    live: summarize(live),
    cached: cachedSummary,
    rawReads: rawSummary,
    cachedVsRawP50: round(cachedSummary.p50 / rawSummary.p50),
    cachedVsRawP99: round(cachedSummary.p99 / rawSummary.p99),
  };
}
