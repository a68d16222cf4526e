import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sleep } from '../../shared/backoff.js';
import type { OpenSearchClient } from '../../shared/clients/opensearch.js';

/** One id's state as `v<version>` or `v<version>+deleted`, so whole snapshots compare with toEqual. */
export type Snapshot = Record<string, string>;

const entry = (version: number, deleted: boolean) => `v${version}${deleted ? '+deleted' : ''}`;

/**
 * Every item of the table (live articles and tombstones), read independently of the code under
 * test: a plain consistent Scan.
 */
export async function tableSnapshot(db: DynamoDBDocumentClient, tableName: string) {
  const snapshot: Snapshot = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
        ProjectionExpression: 'id, #version, deleted',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    );
    for (const item of page.Items ?? []) {
      snapshot[String(item.id)] = entry(Number(item.version), item.deleted === true);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return snapshot;
}

/**
 * Every document behind an alias or index (tombstones included) with its external version, after
 * a refresh. One search: test corpora stay below the 10,000-hit window.
 */
export async function indexSnapshot(client: OpenSearchClient, index: string) {
  await client.indices.refresh({ index });
  const res = await client.search({
    index,
    body: { size: 10_000, version: true, _source: ['deleted'], query: { match_all: {} } },
  });
  const hits = res.body.hits.hits as Array<{
    _id: string;
    _version: number;
    _source: { deleted: boolean };
  }>;
  if (hits.length >= 10_000) throw new Error('indexSnapshot: more documents than one search shows');
  const snapshot: Snapshot = {};
  for (const hit of hits) snapshot[hit._id] = entry(hit._version, hit._source.deleted);
  return snapshot;
}

/** The visible (not deleted) document of `id` behind the read alias, as readers would find it. */
export async function findVisible(client: OpenSearchClient, alias: string, id: string) {
  const res = await client.search({
    index: alias,
    body: {
      query: { bool: { filter: [{ term: { id } }, { term: { deleted: false } }] } },
      version: true,
    },
  });
  const hit = (res.body.hits.hits as Array<{ _version: number; _source: { title: string } }>)[0];
  return hit ? { version: hit._version, title: hit._source.title } : undefined;
}

/** Polls `check` every 50 ms until it returns true; resolves with the elapsed ms or throws. */
export async function waitUntil(
  check: () => Promise<boolean>,
  { timeoutMs, what }: { timeoutMs: number; what: string },
): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return Math.round(performance.now() - started);
    if (performance.now() - started > timeoutMs) {
      throw new Error(`not within ${timeoutMs} ms: ${what}`);
    }
    await sleep(50);
  }
}
