import { evidenceRank } from '../articles/evidence-hierarchy.js';
import { normalizeJournal } from '../articles/journal-name.js';
import type { Article } from '../articles/schema.js';
import type { LiveItem } from '../articles/stored-article.js';

/**
 * What OpenSearch stores for one article id. Deleted articles stay as tombstone documents carrying
 * their version, so a stale replay of an older write can never resurrect them (a real delete is
 * forgotten after `index.gc_deletes`, 60 s by default). Every query filters `deleted: false`.
 */
export type IndexDocument = ReturnType<typeof toIndexDocument> | ReturnType<typeof toTombstone>;

/** `embedding`, when the item has one, is stored for the semantic step but not indexed. */
export function toIndexDocument(article: Article | LiveItem) {
  const journal = article.evidence ? normalizeJournal(article.evidence.source) : undefined;
  return {
    id: article.id,
    deleted: false,
    version: article.version,
    updatedAt: article.updatedAt,
    title: article.title,
    summary: article.summary,
    keyTakeaways: article.keyTakeaways,
    body: article.sections.map((s) => `${s.heading}\n${s.body}`).join('\n\n'),
    sections: article.sections,
    heroImage: article.heroImage,
    category: article.category,
    tags: article.tags,
    publishedAt: article.publishedAt,
    year: Number(article.publishedAt.slice(0, 4)),
    readTimeMinutes: article.readTimeMinutes,
    evidenced: Boolean(article.evidence),
    evidence: article.evidence ?? null,
    sourceKey: journal?.key,
    sourceDisplay: journal?.display,
    evidenceRank: article.evidence ? evidenceRank(article.evidence.type) : undefined,
    embedding: 'embedding' in article ? article.embedding : undefined,
  };
}

export function toTombstone(id: string, version: number, updatedAt: string) {
  return { id, deleted: true, version, updatedAt };
}
