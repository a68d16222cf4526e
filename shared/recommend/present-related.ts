import type { Evidence } from '../articles/schema.js';
import type { CurrentArticle, CurrentArticles } from './article-lookup.js';
import type { ListedArticle } from './listed-article.js';
import { explainRelated, type Labels } from './reasons.js';
import type { StoredRelatedList } from './related-list.js';
import { tagWeight } from './tag-rarity.js';

/** One entry of `GET /articles/{id}/related`: a listed article as readers see it, explained. */
export interface RelatedItem
  extends Pick<ListedArticle, 'id' | 'title' | 'summary' | 'tags' | 'publishedAt'> {
  evidence: Evidence;
  score: number;
  reasons: string[];
  fallback: boolean;
}

/**
 * The stored list as readers may see it now: items deleted, unlabeled or moved to a future date
 * since the list was computed are dropped; the rest are shown and explained from their current
 * labels. `current` holds what the articles table says now about every listed id.
 */
export function presentRelated(
  list: StoredRelatedList,
  source: Labels & { id: string },
  current: CurrentArticles,
  today: string,
): RelatedItem[] {
  const weight = (tag: string) => tagWeight(list.rarity, tag);
  return list.items.flatMap((stored) => {
    const item = current.get(stored.id);
    if (!item || !isRecommendable(item, today) || item.id === source.id) return [];
    return [
      {
        id: item.id,
        title: item.title,
        summary: item.summary,
        tags: item.tags,
        publishedAt: item.publishedAt,
        evidence: item.evidence,
        score: Math.round(stored.score * 10_000) / 10_000,
        reasons: explainRelated(source, item, {
          tagWeight: weight,
          similarContent: stored.similarContent,
        }),
        fallback: stored.fallback,
      },
    ];
  });
}

/** Evidence-labeled and already published: what a related list may show. */
export function isRecommendable(
  article: Pick<CurrentArticle, 'evidence' | 'publishedAt'>,
  today: string,
): article is Pick<CurrentArticle, 'publishedAt'> & { evidence: Evidence } {
  return (
    article.evidence !== null && article.evidence !== undefined && article.publishedAt <= today
  );
}
