import * as z from '../zod.js';
import { type Article, articleSchema } from './schema.js';

/**
 * What the articles table holds under one id: a live article, or the tombstone its deletion
 * left. Tombstones keep the version counter so a re-created article continues above it, and they
 * travel through the stream and reindex like any other write.
 */
export const tombstoneSchema = z.object({
  id: z.string(),
  deleted: z.literal(true),
  version: z.number().check(z.int(), z.positive()),
  updatedAt: z.iso.datetime(),
});

/**
 * An article's sentence vector as stored beside it: computed once per content change (`hash` of
 * the embedded text) by the model named, int8 in base64 (see shared/semantic/vector-codec.ts).
 */
export const storedEmbeddingSchema = z.object({
  model: z.string().check(z.minLength(1)),
  hash: z.string().check(z.minLength(1)),
  vector: z.base64(),
});

export type StoredEmbedding = z.infer<typeof storedEmbeddingSchema>;

/** A live article as the table holds it: the article plus, once computed, its vector. */
export const liveItemSchema = z.extend(articleSchema, {
  embedding: z.optional(storedEmbeddingSchema),
});

export type LiveItem = z.infer<typeof liveItemSchema>;
export type Tombstone = z.infer<typeof tombstoneSchema>;
export type StoredArticle = LiveItem | Tombstone;

export const isTombstone = (item: StoredArticle): item is Tombstone =>
  'deleted' in item && item.deleted === true;

/** Parses a table item (from GetItem, Scan or a stream image) into a live article or tombstone. */
export function parseStoredArticle(item: unknown): StoredArticle {
  if (item !== null && typeof item === 'object' && 'deleted' in item && item.deleted === true) {
    return tombstoneSchema.parse(item);
  }
  return liveItemSchema.parse(item);
}

/** The article an editor sees: the stored item without what the server derives from it. */
export function withoutEmbedding({ embedding: _, ...article }: LiveItem): Article {
  return article;
}
