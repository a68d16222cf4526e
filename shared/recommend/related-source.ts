import type { Article, Evidence } from '../articles/schema.js';
import { toIndexDocument } from '../index/document.js';

/** The article whose related list is computed: its text for similarity, its labels for reasons. */
export interface RelatedSource {
  id: string;
  version: number;
  title: string;
  summary: string;
  keyTakeaways: string[];
  /** Section headings and bodies as one text, as the index holds it. */
  body: string;
  tags: string[];
  category: string;
  publishedAt: string;
  evidence: Evidence | null;
}

/** A live article as the index stores it (see index/document.ts). */
export type LiveDocument = ReturnType<typeof toIndexDocument>;

export function sourceFromDocument(doc: LiveDocument): RelatedSource {
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    summary: doc.summary,
    keyTakeaways: doc.keyTakeaways,
    body: doc.body,
    tags: doc.tags,
    category: doc.category,
    publishedAt: doc.publishedAt,
    evidence: doc.evidence,
  };
}

export const sourceFromArticle = (article: Article): RelatedSource =>
  sourceFromDocument(toIndexDocument(article));
