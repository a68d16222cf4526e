import * as z from 'zod';
import { type Article, articleSchema } from './schema.js';

/**
 * What the articles table holds under one id: a live article, or the tombstone its deletion
 * left. Tombstones keep the version counter so a re-created article continues above it, and they
 * travel through the stream and reindex like any other write.
 */
export const tombstoneSchema = z.object({
  id: z.string(),
  deleted: z.literal(true),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});

export type Tombstone = z.infer<typeof tombstoneSchema>;
export type StoredArticle = Article | Tombstone;

export const isTombstone = (item: StoredArticle): item is Tombstone =>
  'deleted' in item && item.deleted === true;

/** Parses a table item (from GetItem, Scan or a stream image) into a live article or tombstone. */
export function parseStoredArticle(item: unknown): StoredArticle {
  if (item !== null && typeof item === 'object' && 'deleted' in item && item.deleted === true) {
    return tombstoneSchema.parse(item);
  }
  return articleSchema.parse(item);
}
