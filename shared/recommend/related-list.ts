import { evidenceSchema } from '../articles/schema.js';
import * as z from '../zod.js';

/**
 * A precomputed related list as the related table stores it under the source's id. Items keep
 * the version and evidence they were ranked with; the read path checks them against the articles
 * table, so a deleted or unlabeled article never shows, whatever the list says.
 */
export const storedRelatedListSchema = z.object({
  articleId: z.string(),
  /** The source's version the list was computed from; another version means recompute. */
  sourceVersion: z.number().check(z.int()),
  computedAt: z.iso.datetime(),
  /** Epoch seconds: DynamoDB TTL removes lists nobody refreshed (e.g. of deleted articles). */
  expiresAt: z.number().check(z.int()),
  /** How many other recommendable articles carried each of the source's tags. */
  rarity: z.object({
    total: z.number().check(z.int()),
    counts: z.record(z.string(), z.number().check(z.int())),
  }),
  items: z.array(
    z.object({
      id: z.string(),
      version: z.number().check(z.int()),
      evidence: evidenceSchema,
      score: z.number(),
      similarContent: z.boolean(),
      fallback: z.boolean(),
    }),
  ),
});

export type StoredRelatedList = z.infer<typeof storedRelatedListSchema>;
