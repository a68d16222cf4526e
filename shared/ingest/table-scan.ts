import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { projectionOf } from '../articles/batch-io.js';

/** Where a scan segment stopped: DynamoDB's LastEvaluatedKey, plain JSON (`{ id }`). */
export type ScanKey = Record<string, unknown>;

export interface ScanSegment {
  segment: number;
  totalSegments: number;
  /** Resume after this key; undefined starts the segment from its beginning. */
  startKey?: ScanKey;
}

export interface ScanPage {
  items: Array<Record<string, unknown>>;
  /** Undefined once the segment is exhausted. */
  next: ScanKey | undefined;
}

/**
 * One page of one segment of a parallel Scan. Pages are at most 1 MB (DynamoDB's own cap; `limit`
 * makes them smaller). Reads are strongly consistent: the reindex relies on seeing every write
 * committed before the scan started (see the note in index-stream-batch.ts).
 */
export async function scanPage(
  db: DynamoDBDocumentClient,
  tableName: string,
  { segment, totalSegments, startKey }: ScanSegment,
  options: { limit?: number; attributes?: readonly string[] } = {},
): Promise<ScanPage> {
  const out = await db.send(
    new ScanCommand({
      TableName: tableName,
      Segment: segment,
      TotalSegments: totalSegments,
      ExclusiveStartKey: startKey,
      ConsistentRead: true,
      Limit: options.limit,
      ...projectionOf(options.attributes),
    }),
  );
  return { items: out.Items ?? [], next: out.LastEvaluatedKey };
}
