import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { isTombstone, parseStoredArticle, type StoredArticle } from '../articles/stored-article.js';
import { describeError } from '../errors.js';
import { type IndexDocument, toIndexDocument, toTombstone } from '../search-index/document.js';
import type { VersionedDocument } from './bulk-write.js';

/** What one stream record asks of the index. */
export type IndexChange =
  | { kind: 'write'; id: string; version: number; sequenceNumber: string; document: IndexDocument }
  | { kind: 'invalid'; id: string | undefined; sequenceNumber: string; reason: string };

type Image = Record<string, AttributeValue>;

/**
 * Maps a DynamoDB stream record to an index write. INSERT/MODIFY index the new image (an article
 * or its tombstone); REMOVE — an item deleted outside the API — becomes a tombstone one version
 * above the old image. Versions come from the item, never from the stream, so replays and
 * out-of-order delivery resolve the same way every time.
 */
export function toIndexChange(record: DynamoDBRecord): IndexChange {
  const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
  const keyId = record.dynamodb?.Keys?.id?.S;
  try {
    if (record.eventName === 'REMOVE') {
      const old = parseStoredArticle(unmarshall(record.dynamodb?.OldImage as Image));
      const version = old.version + 1;
      const updatedAt = new Date((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000);
      return {
        kind: 'write',
        id: old.id,
        version,
        sequenceNumber,
        document: toTombstone(old.id, version, updatedAt.toISOString()),
      };
    }
    const item = parseStoredArticle(unmarshall(record.dynamodb?.NewImage as Image));
    return { kind: 'write', sequenceNumber, ...toVersionedDocument(item) };
  } catch (error) {
    return { kind: 'invalid', id: keyId, sequenceNumber, reason: describeError(error) };
  }
}

/**
 * The index write for a table item, shared by the stream indexer and the full reindex so both
 * produce byte-identical documents for the same item version.
 */
export function toVersionedDocument(item: StoredArticle): VersionedDocument {
  return {
    id: item.id,
    version: item.version,
    document: isTombstone(item)
      ? toTombstone(item.id, item.version, item.updatedAt)
      : toIndexDocument(item),
  };
}
