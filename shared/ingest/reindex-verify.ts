import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../articles/batch-io.js';
import { parseStoredArticle } from '../articles/stored-article.js';
import { backoffMs } from '../backoff.js';
import type { OpenSearchClient } from '../clients/opensearch.js';
import { scanPage } from './table-scan.js';

/** What the index holds for one id. */
export interface IndexEntry {
  version: number;
  deleted: boolean;
}

/** What the table holds for one id, read again with a consistent read. */
export type TableEntry =
  | { kind: 'absent' }
  /** An item the indexer can never accept (it is dead-lettered by the stream indexer too). */
  | { kind: 'unindexable' }
  | { kind: 'present'; version: number };

/** An id on which the generation and the table disagree. */
export interface Mismatch {
  id: string;
  table?: number;
  index?: IndexEntry;
}

export interface Verification {
  ok: boolean;
  tableItems: number;
  indexDocuments: number;
  /** Ids that differed at first and agreed once the stream indexer had caught up. */
  caughtUp: number;
  /** Ids whose table item does not parse, left out of the comparison. */
  unindexable: string[];
  /** What still differs after the catch-up wait (empty when ok). */
  mismatches: Mismatch[];
}

export interface VerifyDeps {
  client: OpenSearchClient;
  db: DynamoDBDocumentClient;
  tableName: string;
  totalSegments: number;
  /** How long to wait for the stream indexer before calling a difference real. */
  catchUp: { attempts: number; delayMs: number };
  sleep: (ms: number) => Promise<void>;
}

/**
 * The differences between a table snapshot (id → version) and an index (id → entry). The index
 * must hold every item at its version, tombstones included; it may hold extra tombstones (an item
 * deleted outside the API leaves a tombstone in the index and nothing in the table).
 */
export function findMismatches(
  table: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, IndexEntry>,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const [id, version] of table) {
    const entry = index.get(id);
    if (entry?.version !== version) mismatches.push({ id, table: version, index: entry });
  }
  for (const [id, entry] of index) {
    if (!table.has(id) && !entry.deleted) mismatches.push({ id, index: entry });
  }
  return mismatches;
}

/**
 * Whether a difference found against the snapshot is explained by writes still in flight. The
 * generation is good for an id when it holds at least the version the snapshot saw and no more
 * than the table holds now: anything newer reaches it through the stream indexer's dual writes.
 */
export function isReconciled(
  snapshotVersion: number | undefined,
  now: TableEntry,
  index: IndexEntry | undefined,
): boolean {
  switch (now.kind) {
    case 'unindexable':
      return true;
    case 'absent':
      return index === undefined || index.deleted;
    case 'present':
      return (
        index !== undefined &&
        index.version >= (snapshotVersion ?? 1) &&
        index.version <= now.version
      );
  }
}

/**
 * Compares a generation with the table, ids and versions, tombstones included. Differences are
 * re-read (table: consistent reads; index: real-time gets) after growing pauses so the stream
 * indexer can deliver writes made during the build; whatever still differs is a real mismatch.
 */
export async function verifyGeneration(
  deps: VerifyDeps,
  generation: string,
): Promise<Verification> {
  const table = await readTableVersions(deps);
  const index = await readIndexVersions(deps.client, generation);
  const first = findMismatches(table, index);
  let open = first;
  const unindexable = new Set<string>();
  for (let attempt = 0; open.length > 0 && attempt < deps.catchUp.attempts; attempt++) {
    // no jitter: one process waits for the stream indexer, nothing competes with it
    const { delayMs } = deps.catchUp;
    await deps.sleep(backoffMs(attempt + 1, delayMs, { maxMs: delayMs * 8, jitter: false }));
    const ids = open.map((m) => m.id);
    const [now, indexed] = await Promise.all([
      readTableEntries(deps, ids),
      readIndexEntries(deps.client, generation, ids),
    ]);
    open = open.filter((m) => {
      const entry = now.get(m.id) ?? { kind: 'absent' };
      if (entry.kind === 'unindexable') unindexable.add(m.id);
      return !isReconciled(m.table, entry, indexed.get(m.id));
    });
  }
  return {
    ok: open.length === 0,
    tableItems: table.size,
    indexDocuments: index.size,
    caughtUp: first.length - open.length - unindexable.size,
    unindexable: [...unindexable],
    mismatches: open,
  };
}

/** Every item's id and version (tombstones included), scanning all segments in parallel. */
async function readTableVersions(deps: VerifyDeps): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  await Promise.all(
    Array.from({ length: deps.totalSegments }, async (_, segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await scanPage(
          deps.db,
          deps.tableName,
          { segment, totalSegments: deps.totalSegments, startKey },
          { attributes: ['id', 'version'] },
        );
        for (const item of page.items) versions.set(String(item.id), Number(item.version));
        startKey = page.next;
      } while (startKey);
    }),
  );
  return versions;
}

async function readTableEntries(
  deps: VerifyDeps,
  ids: readonly string[],
): Promise<Map<string, TableEntry>> {
  const items = await batchGetItems(deps.db, deps.tableName, ids);
  const entries = new Map<string, TableEntry>();
  for (const [id, item] of items) {
    try {
      entries.set(id, { kind: 'present', version: parseStoredArticle(item).version });
    } catch {
      entries.set(id, { kind: 'unindexable' });
    }
  }
  return entries;
}

interface Hit {
  _id: string;
  _version?: number;
  _source?: { deleted?: boolean };
}

/** Every document's id, external version and tombstone flag, through one scroll. */
async function readIndexVersions(
  client: OpenSearchClient,
  index: string,
): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  const keep = (hits: Hit[]) => {
    for (const hit of hits) entries.set(hit._id, toEntry(hit));
  };
  let res = await client.search({
    index,
    scroll: '1m',
    body: { size: 5_000, sort: ['_doc'], version: true, _source: ['deleted'] } as never,
  });
  let body = res.body as { _scroll_id?: string; hits: { hits: Hit[] } };
  try {
    while (body.hits.hits.length > 0) {
      keep(body.hits.hits);
      res = await client.scroll({ body: { scroll_id: body._scroll_id, scroll: '1m' } as never });
      body = res.body as typeof body;
    }
  } finally {
    if (body._scroll_id)
      await client.clearScroll({ body: { scroll_id: body._scroll_id } as never });
  }
  return entries;
}

const mgetChunk = 1_000;

async function readIndexEntries(
  client: OpenSearchClient,
  index: string,
  ids: readonly string[],
): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  for (let i = 0; i < ids.length; i += mgetChunk) {
    // mget is real-time: it sees writes the last refresh has not published yet.
    const res = await client.mget({
      index,
      body: { ids: ids.slice(i, i + mgetChunk) },
      _source_includes: ['deleted'],
    } as never);
    for (const doc of (res.body as { docs: Array<Hit & { found?: boolean }> }).docs) {
      if (doc.found) entries.set(doc._id, toEntry(doc));
    }
  }
  return entries;
}

const toEntry = (hit: Hit): IndexEntry => ({
  version: hit._version ?? 0,
  deleted: hit._source?.deleted === true,
});
