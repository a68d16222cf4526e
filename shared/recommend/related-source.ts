import type { Article } from '../articles/schema.js';
import { toIndexDocument } from '../search-index/document.js';
import { type ListedArticle, listedFieldsOf } from './listed-article.js';

/** The article whose related list is computed: its text for similarity, its labels for reasons. */
export interface RelatedSource extends ListedArticle {
  keyTakeaways: string[];
  /** Section headings and bodies as one text, as the index holds it. */
  body: string;
}

/** A live article as the index stores it (see search-index/document.ts). */
export type LiveDocument = ReturnType<typeof toIndexDocument>;

export const sourceFromDocument = (doc: LiveDocument): RelatedSource => ({
  ...listedFieldsOf(doc),
  keyTakeaways: doc.keyTakeaways,
  body: doc.body,
});

export const sourceFromArticle = (article: Article): RelatedSource =>
  sourceFromDocument(toIndexDocument(article));
