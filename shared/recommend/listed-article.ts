import type { Evidence } from '../articles/schema.js';

/**
 * What a related list needs to know about one of its articles to rank, show and explain it:
 * read from the index when the list is computed and from the articles table when it is shown.
 */
export interface ListedArticle {
  id: string;
  version: number;
  title: string;
  summary: string;
  tags: string[];
  category: string;
  publishedAt: string;
  evidence: Evidence | null;
}

export const listedArticleFields = [
  'id',
  'version',
  'title',
  'summary',
  'tags',
  'category',
  'publishedAt',
  'evidence',
] as const satisfies ReadonlyArray<keyof ListedArticle>;

/** The listed fields of anything that has them (an index document, a stored article). */
export function listedFieldsOf(article: ListedArticle): ListedArticle {
  return Object.fromEntries(
    listedArticleFields.map((field) => [field, article[field]]),
  ) as unknown as ListedArticle;
}
