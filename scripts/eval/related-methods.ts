import type { Article } from '../../shared/articles/schema.js';
import type { OpenSearchClient } from '../../shared/clients/opensearch.js';
import { moreLikeThis } from '../../shared/recommend/candidate-searches.js';
import { RelatedEngine } from '../../shared/recommend/related-engine.js';
import { sourceFromArticle } from '../../shared/recommend/related-source.js';
import type { RelatedTuning } from '../../shared/recommend/tuning.js';

/** The widget shows 4 related articles. */
export const listLength = 4;

export type MoreLikeThisKnobs = RelatedTuning['moreLikeThis'];

/** OpenSearch's own more_like_this defaults (min_term_freq 2, min_doc_freq 5, …). */
export const openSearchMoreLikeThis: MoreLikeThisKnobs = {
  minTermFreq: 2,
  minDocFreq: 5,
  maxQueryTerms: 25,
  minimumShouldMatch: '30%',
};

/**
 * The plain more_like_this baseline's knobs, the best of 32 configurations on SciFact train
 * pairs, the same budget as the recommender's (`npm run eval:related:tune`; train nDCG@4 0.5005,
 * OpenSearch's defaults 0.4385; see scripts/eval/README.md).
 */
export const tunedMoreLikeThis: MoreLikeThisKnobs = {
  minTermFreq: 1,
  minDocFreq: 2,
  maxQueryTerms: 30,
  minimumShouldMatch: '20%',
};

export type Recommend = (article: Article) => Promise<Array<{ id: string; fallback: boolean }>>;

export interface MethodContext {
  client: OpenSearchClient;
  alias: string;
  today: string;
}

/** The first `listLength` ids of a search on the collection's index, never the source. */
const topIds = async (ctx: MethodContext, article: Article, query: Record<string, unknown>) => {
  const res = await ctx.client.search({
    index: ctx.alias,
    body: {
      size: listLength,
      _source: false,
      sort: ['_score', { id: 'asc' }],
      query: { bool: { must: [query], must_not: [{ ids: { values: [article.id] } }] } },
    },
  } as never);
  return (res.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((hit) => ({
    id: hit._id,
    fallback: false,
  }));
};

/** A plain more_like_this on the source's text (the production query builder) with `knobs`. */
export const moreLikeThisMethod =
  (knobs: MoreLikeThisKnobs) =>
  (ctx: MethodContext): Recommend =>
  (article) =>
    topIds(ctx, article, moreLikeThis(sourceFromArticle(article), knobs));

/** Most shared tags first (ties: id). */
export const tagOverlapMethod =
  () =>
  (ctx: MethodContext): Recommend =>
  (article) =>
    topIds(ctx, article, {
      bool: {
        should: article.tags.map((tag) => ({
          constant_score: { filter: { term: { tags: tag } } },
        })),
        minimum_should_match: 1,
      },
    });

/** The production recommender (shared/recommend) with `tuning`. */
export const engineMethod = (tuning: RelatedTuning) => (ctx: MethodContext) => {
  const engine = new RelatedEngine(ctx.client, ctx.alias, tuning);
  return (async (article) =>
    (
      await engine.compute(sourceFromArticle(article), { today: ctx.today, limit: listLength })
    ).items.map((item) => ({ id: item.doc.id, fallback: item.fallback }))) satisfies Recommend;
};

export interface Method {
  name: string;
  make: (ctx: MethodContext) => Recommend;
}

/**
 * The rows of the comparison: the baselines, then the recommender built up part by part (each
 * row adds one part to the one above it; the last row is production).
 */
export function comparedMethods(settings: {
  related: RelatedTuning;
  mlt: MoreLikeThisKnobs;
}): Method[] {
  const { related } = settings;
  const noMmr = { ...related.mmr, lambda: 1 };
  const lexical = { ...related.weights, meaning: 0 };
  return [
    {
      name: 'more_like_this, OpenSearch defaults',
      make: moreLikeThisMethod(openSearchMoreLikeThis),
    },
    { name: 'tag overlap', make: tagOverlapMethod() },
    { name: 'more_like_this, tuned on train', make: moreLikeThisMethod(settings.mlt) },
    {
      name: 'recommender: content only',
      make: engineMethod({
        ...related,
        weights: { ...lexical, tags: 0, category: 0, recency: 0 },
        mmr: noMmr,
      }),
    },
    {
      name: '+ tag rarity',
      make: engineMethod({
        ...related,
        weights: { ...lexical, category: 0, recency: 0 },
        mmr: noMmr,
      }),
    },
    {
      name: '+ category & recency',
      make: engineMethod({ ...related, weights: lexical, mmr: noMmr }),
    },
    { name: '+ sentence vectors', make: engineMethod({ ...related, mmr: noMmr }) },
    { name: '+ MMR = recommender', make: engineMethod(related) },
  ];
}
