import type { Article } from '../articles/schema.js';
import type { LiveItem, StoredEmbedding } from '../articles/stored-article.js';
import { toIndexDocument } from '../search-index/document.js';
import { type ListedArticle, listedFieldsOf } from './listed-article.js';

/** The article whose related list is computed: its text for similarity, its labels for reasons. */
export interface RelatedSource extends ListedArticle {
  keyTakeaways: string[];
  /** Section headings and bodies as one text, as the index holds it. */
  body: string;
  /** The article's sentence vector, when it has one (compared with the candidates' own). */
  embedding?: StoredEmbedding;
}

/** A live article as the index stores it (see search-index/document.ts). */
export type LiveDocument = ReturnType<typeof toIndexDocument>;

export const sourceFromDocument = (doc: LiveDocument): RelatedSource => ({
  ...listedFieldsOf(doc),
  keyTakeaways: doc.keyTakeaways,
  body: doc.body,
  ...(doc.embedding && { embedding: doc.embedding }),
});

export const sourceFromArticle = (article: Article | LiveItem): RelatedSource =>
  sourceFromDocument(toIndexDocument(article));
