import type { OpenSearchClient } from '../clients/opensearch.js';
import type { IndexDocument } from '../index/document.js';

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

const severity: Record<WriteOutcome['status'], number> = {
  written: 0,
  stale: 0,
  rejected: 1,
  retryable: 2,
};

/**
 * Writes documents to every target index in one `_bulk` request with external versioning, so the
 * highest version wins whatever order writes arrive in. Returns one outcome per input document,
 * the worst over its targets. A failure of the request itself (connection, 5xx) is thrown.
 */
export async function bulkWrite(
  client: OpenSearchClient,
  targets: readonly string[],
  docs: readonly VersionedDocument[],
): Promise<WriteOutcome[]> {
  if (docs.length === 0 || targets.length === 0) return docs.map(() => ({ status: 'written' }));
  const body = docs.flatMap((doc) =>
    targets.flatMap((index) => [
      { index: { _index: index, _id: doc.id, version: doc.version, version_type: 'external' } },
      doc.document,
    ]),
  );
  const res = await client.bulk({ body: body as never });
  const items = (res.body as { items: Array<Record<string, BulkItemResult>> }).items;
  return docs.map((_, d) => {
    const results = targets.map((_, t) => Object.values(items[d * targets.length + t] ?? {})[0]);
    return results
      .map(classify)
      .reduce((worst, o) => (severity[o.status] > severity[worst.status] ? o : worst));
  });
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
