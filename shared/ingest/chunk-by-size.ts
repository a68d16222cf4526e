/**
 * Groups items, in order, into chunks of at most `maxBytes` (by `bytesOf`) and `maxCount` items.
 * An item bigger than `maxBytes` goes alone; the callers keep their items below what the
 * receiving service refuses (a `_bulk` body, an SQS batch).
 */
export function chunkBySize<T>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  { maxBytes, maxCount = Number.POSITIVE_INFINITY }: { maxBytes: number; maxCount?: number },
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (current.length > 0 && (current.length === maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
