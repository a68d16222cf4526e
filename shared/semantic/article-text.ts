import { createHash } from 'node:crypto';
import type { Article } from '../articles/schema.js';

export type EmbeddedFields = Pick<Article, 'title' | 'summary' | 'keyTakeaways' | 'sections'>;

/**
 * What an article's vector stands for: title, summary, key takeaways, then the sections, in that
 * order, so the model's token window (cut at the end) keeps the most telling parts.
 */
export function embeddingText(article: EmbeddedFields): string {
  return [
    article.title,
    article.summary,
    ...article.keyTakeaways,
    ...article.sections.map((s) => `${s.heading}\n${s.body}`),
  ]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n');
}

/** Short fingerprint of the embedded text: a vector is recomputed only when it changes. */
export const contentHash = (text: string) =>
  createHash('sha256').update(text).digest('base64url').slice(0, 16);
