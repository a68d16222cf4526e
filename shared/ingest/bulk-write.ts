import { backoffMs, sleep as defaultSleep } from '../backoff.js';
import type { OpenSearchClient } from '../clients/opensearch.js';
import { describeError } from '../errors.js';
import type { IndexDocument } from '../search-index/document.js';
import { chunkBySize } from './chunk-by-size.js';

export interface VersionedDocument {
  id: string;
  version: number;
  document: IndexDocument;
}

/** How one document's write ended across every target index. */
export type WriteOutcome =
  | { status: 'written' }
  /** The index already holds this version or a newer one: a replay, which is success. */
  | { status: 'stale' }
  | { status: 'retryable'; error: string }
  | { status: 'rejected'; error: string };

/** Across targets the worst outcome counts; a write that landed anywhere beats "stale everywhere". */
const severity: Record<WriteOutcome['status'], number> = {
  stale: 0,
  written: 1,
  rejected: 2,
  retryable: 3,
};

/**
 * Upper bound of one `_bulk` body. Amazon OpenSearch Service rejects bodies over 10 MiB on some
 * instance types (HTTP 413, not configurable); 5 MB is opensearch-js's own `helpers.bulk` default.
 */
export const maxBulkBytes = 5_000_000;

/**
 * Writes documents to every target index with external versioning, so the highest version wins
 * whatever order writes arrive in. One `_bulk` request, unless the body would exceed `maxBytes`
 * (then consecutive chunks). Returns one outcome per input document, the worst over its targets.
 * A failure of a request itself (connection, 5xx) is thrown; re-sending documents an earlier chunk
 * already wrote is harmless, they come back as `stale`.
 */
export async function bulkWrite(
  client: OpenSearchClient,
  targets: readonly string[],
  docs: readonly VersionedDocument[],
  options: { maxBytes?: number } = {},
): Promise<WriteOutcome[]> {
  if (docs.length === 0 || targets.length === 0) return docs.map(() => ({ status: 'written' }));
  const items: Array<BulkItemResult | undefined> = [];
  const { maxBytes = maxBulkBytes } = options;
  const bytesOf = (lines: string[]) =>
    lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
  const perDoc = docs.map((doc) => toBulkLines(doc, targets));
  for (const chunk of chunkBySize(perDoc, bytesOf, { maxBytes })) {
    const res = await client.bulk({ body: chunk.flat() as never });
    const body = res.body as { items: Array<Record<string, BulkItemResult>> };
    items.push(...body.items.map((item) => Object.values(item)[0]));
  }
  return docs.map((_, d) =>
    targets
      .map((_, t) => classify(items[d * targets.length + t]))
      .reduce((worst, o) => (severity[o.status] > severity[worst.status] ? o : worst)),
  );
}

export interface BulkRetryPolicy {
  /** Requests at most, the first included. */
  attempts: number;
  /** Backoff before the first retry, doubled on each (with jitter: see backoff.ts). */
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RetriedWrite {
  /** One per document; `retryable` ones kept failing on every attempt. */
  outcomes: WriteOutcome[];
  /** Documents sent again, summed over the retries. */
  retried: number;
  /** Time spent in `_bulk` requests. */
  bulkMs: number;
}

/**
 * The one bulk write with retries, for the stream indexer and the reindex: writes `docs` to the
 * indices `targets` resolves (resolved again before every attempt), then re-sends only the
 * documents that failed for a transient reason (429, 5xx, a failed request, no target) after a
 * backoff, up to `attempts` requests in all. Never throws: a request that fails makes every
 * document it carried `retryable`, and the caller decides what persisting failures mean.
 */
export async function bulkWriteWithRetries(
  client: OpenSearchClient,
  targets: () => Promise<readonly string[]>,
  docs: readonly VersionedDocument[],
  { attempts, baseDelayMs, sleep = defaultSleep }: BulkRetryPolicy,
): Promise<RetriedWrite> {
  const outcomes: WriteOutcome[] = docs.map(() => ({ status: 'retryable', error: 'not sent' }));
  let retried = 0;
  let bulkMs = 0;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const pending = outcomes.flatMap((o, i) => (o.status === 'retryable' ? [i] : []));
    if (pending.length === 0) break;
    if (attempt > 0) {
      retried += pending.length;
      await sleep(backoffMs(attempt, baseDelayMs));
    }
    const sent = pending.map((i) => docs[i] as VersionedDocument);
    const results = await targets()
      .then(async (to) => {
        const started = performance.now();
        try {
          return await bulkWrite(client, to, sent);
        } finally {
          bulkMs += performance.now() - started; // the request only, not the alias lookup
        }
      })
      .catch((error: unknown): WriteOutcome[] =>
        sent.map(() => ({ status: 'retryable', error: describeError(error) })),
      );
    results.forEach((result, n) => {
      outcomes[pending[n] as number] = result;
    });
  }
  return { outcomes, retried, bulkMs: Math.round(bulkMs) };
}

/** A document's action and source lines for every target, serialized once (to measure them). */
function toBulkLines(doc: VersionedDocument, targets: readonly string[]): string[] {
  const source = JSON.stringify(doc.document);
  return targets.flatMap((index) => [
    JSON.stringify({
      index: { _index: index, _id: doc.id, version: doc.version, version_type: 'external' },
    }),
    source,
  ]);
}

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

function classify(item: BulkItemResult | undefined): WriteOutcome {
  if (!item) return { status: 'retryable', error: 'missing bulk item result' };
  if (item.status >= 200 && item.status < 300) return { status: 'written' };
  const error = `${item.status} ${item.error?.type ?? ''}: ${item.error?.reason ?? ''}`.trim();
  if (item.status === 409 && item.error?.type === 'version_conflict_engine_exception') {
    return { status: 'stale' };
  }
  if (item.status === 429 || item.status >= 500) return { status: 'retryable', error };
  return { status: 'rejected', error };
}
