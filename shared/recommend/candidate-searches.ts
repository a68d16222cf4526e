import { live, publishedBy } from '../search-index/visibility.js';
import { listedArticleFields } from './listed-article.js';
import type { RelatedSource } from './related-source.js';
import type { RelatedTuning } from './tuning.js';

/** The fields a candidate is ranked, explained and diversified on. */
export const candidateFields = [...listedArticleFields, 'sourceKey', 'embedding'] as const;

const textFields = ['title', 'summary', 'keyTakeaways', 'body'];

/**
 * What may be recommended: live, evidence-labeled, already published, and never the source
 * itself (also when the source is unlabeled).
 */
export function recommendable(sourceId: string, today: string) {
  return {
    filter: [live, { term: { evidenced: true } }, publishedBy(today)],
    must_not: [{ ids: { values: [sourceId] } }],
  };
}

/**
 * more_like_this on the source's own text rather than its index document: the source may be
 * written but not indexed yet (a read right after a PUT), and the same query serves offline
 * evaluation. Every text is analyzed with each field's analyzer.
 */
export function moreLikeThis(source: RelatedSource, tuning: RelatedTuning['moreLikeThis']) {
  return {
    more_like_this: {
      fields: textFields,
      like: [source.title, source.summary, ...source.keyTakeaways, source.body].filter(
        (text) => text.trim() !== '',
      ),
      min_term_freq: tuning.minTermFreq,
      min_doc_freq: tuning.minDocFreq,
      max_query_terms: tuning.maxQueryTerms,
      minimum_should_match: tuning.minimumShouldMatch,
    },
  };
}

/** One search of the multi-search that gathers candidates, named for what it finds. */
export type SearchRole =
  | 'rarity'
  | 'similar'
  | 'self'
  | 'selfAllWords'
  | 'tagged'
  | 'newestTagged'
  | 'newestInCategory';

/**
 * The searches behind one related list, sent together as one `_msearch`:
 * - rarity: how many other recommendable articles carry each of the source's tags;
 * - similar: the closest texts (more_like_this);
 * - self: the source's own more_like_this score, to put content similarity on a 0..1 scale;
 * - selfAllWords: the same over every word of the source, also those nobody else uses;
 * - tagged: articles sharing the most tags (weighted by rarity later, in ranking);
 * - newestTagged / newestInCategory: the fallback fill, newest first.
 */
export function candidateSearches(
  source: RelatedSource,
  options: { today: string; tuning: RelatedTuning },
): Array<{ role: SearchRole; body: Record<string, unknown> }> {
  const { today, tuning } = options;
  const pool = recommendable(source.id, today);
  const similar = moreLikeThis(source, tuning.moreLikeThis);
  const selfScore = (query: Record<string, unknown>) => ({
    size: 1,
    _source: false,
    query: { bool: { must: [query], filter: [{ ids: { values: [source.id] } }] } },
  });
  const newest = [{ publishedAt: 'desc' }, { id: 'asc' }];
  // one point per shared tag; rarity weighting happens in ranking
  const sharedTags = {
    ...pool,
    should: source.tags.map((tag) => ({ constant_score: { filter: { term: { tags: tag } } } })),
    minimum_should_match: 1,
  };
  const searches: Array<{ role: SearchRole; body: Record<string, unknown> }> = [
    {
      role: 'similar',
      body: {
        size: tuning.pool.similar,
        _source: candidateFields,
        query: { bool: { ...pool, must: [similar] } },
      },
    },
    { role: 'self', body: selfScore(similar) },
    {
      // over all its words, shared or not (see rank.ts, coverage)
      role: 'selfAllWords',
      body: selfScore(moreLikeThis(source, { ...tuning.moreLikeThis, minDocFreq: 1 })),
    },
    {
      role: 'newestInCategory',
      body: {
        size: tuning.pool.fallback,
        _source: candidateFields,
        sort: newest,
        query: {
          bool: { ...pool, filter: [...pool.filter, { term: { category: source.category } }] },
        },
      },
    },
  ];
  if (source.tags.length === 0) return searches;
  return [
    ...searches,
    {
      role: 'rarity',
      body: {
        size: 0,
        track_total_hits: true,
        query: { bool: pool },
        aggs: {
          tags: { terms: { field: 'tags', include: source.tags, size: source.tags.length } },
        },
      },
    },
    {
      role: 'tagged',
      body: {
        size: tuning.pool.tagged,
        _source: candidateFields,
        sort: ['_score', ...newest],
        query: { bool: sharedTags },
      },
    },
    {
      role: 'newestTagged',
      body: {
        size: tuning.pool.fallback,
        _source: candidateFields,
        // on the same day, more shared tags first
        sort: [{ publishedAt: 'desc' }, '_score', { id: 'asc' }],
        query: { bool: sharedTags },
      },
    },
  ];
}
