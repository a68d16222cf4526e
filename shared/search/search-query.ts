import { maxEvidenceRank } from '../articles/evidence-hierarchy.js';
import { dayOf, visibleFilters } from '../search-index/visibility.js';
import { facetAggregations } from './facets.js';
import { markClose, markOpen } from './highlight.js';
import { queryWords } from './query-words.js';
import { type Relevance, relevance } from './relevance.js';
import { type Clause, facetFilters, globalFilters } from './search-filters.js';
import type { SearchParams } from './search-params.js';
import { hitSourceFields, type RawSearchResult, totalHits } from './search-response.js';
import { buildTextQuery, highlightQuery, type TextQuery } from './text-query.js';

export interface SearchQueryOptions {
  now: Date;
  /**
   * The fallbacks: when too few articles match, any single word of `q` is enough (`relaxed`);
   * when none does, near spellings of any word, identifiers included (`approximate`).
   */
  fallback?: 'relaxed' | 'approximate';
  tuning?: Relevance;
  /** Set false by callers that only rank (the evaluation): highlighting never changes the order. */
  highlight?: boolean;
}

const sortClauses = {
  relevance: [{ _score: 'desc' }, { publishedAt: 'desc' }, { id: 'asc' }],
  newest: [{ publishedAt: 'desc' }, { id: 'asc' }],
  oldest: [{ publishedAt: 'asc' }, { id: 'asc' }],
} as const;

/**
 * What an empty `q` (browsing) scores before recency and evidence: 1 + the evidence rank, so
 * labeled articles come first, strongest evidence first (a rank outweighs any recency), and
 * unlabeled ones after them.
 */
const browseScore = {
  function_score: {
    query: { match_all: {} },
    functions: [{ weight: 1 }, { field_value_factor: { field: 'evidenceRank', missing: 0 } }],
    score_mode: 'sum',
    boost_mode: 'replace',
  },
};

/**
 * Whether a page is ranked in two phases (`relevance.rescore`): a question's or pasted sentence's
 * page, in relevance order, ending within the window. Every page inside the window is cut from
 * the same re-scored window by position (a cursor's sort values are not needed there); past it
 * the whole query ranks every article and a cursor continues with `search_after`.
 */
export const rescoresPage = (params: SearchParams, text: TextQuery, tuning: Relevance) =>
  text.match !== undefined &&
  !text.keywords &&
  params.sort === 'relevance' &&
  params.page * params.pageSize <= tuning.rescore.window;

/**
 * The sort values a hit would have had in relevance order (`sortClauses.relevance`): a re-scored
 * page has none (OpenSearch sorts it by score alone), but its cursor needs them.
 */
export function withRelevanceSortValues(result: RawSearchResult): RawSearchResult {
  const hits = result.hits.hits.map((hit) => ({
    ...hit,
    sort: hit.sort ?? [hit._score ?? 0, Date.parse(hit._source.publishedAt), hit._source.id],
  }));
  return { ...result, hits: { ...result.hits, hits } };
}

/**
 * Whether the search narrows the articles by filters (global or facet ones): only then may more
 * articles have enough of the words than it finds.
 */
const filtered = (params: SearchParams) =>
  globalFilters(params).length > 0 || Object.keys(facetFilters(params)).length > 0;

/**
 * How many articles have enough of the words of `params.q`, whatever the filters, from the answer
 * to the first pass (undefined when browsing): the `textMatches` count, or the total of an
 * unfiltered search, whose hits are exactly those articles.
 */
export function wordMatchCount(
  params: SearchParams,
  result: RawSearchResult,
  tuning: Relevance = relevance,
): number | undefined {
  const counted = result.aggregations?.textMatches?.matched.doc_count;
  if (counted !== undefined) return counted;
  return !filtered(params) && queryWords(params.q, tuning.typo).length > 0
    ? totalHits(result)
    : undefined;
}

/**
 * The whole `_search` body for one `GET /search` request: a pure function of the parameters and
 * the clock, so its DSL is unit-tested and the evaluation runs exactly what production runs.
 */
export function buildSearchQuery(params: SearchParams, options: SearchQueryOptions) {
  const tuning = options.tuning ?? relevance;
  const text = buildTextQuery(params.q, tuning, options.fallback);
  const postFilters = Object.values(facetFilters(params));
  const filters = globalFilters(params);
  const rescored = rescoresPage(params, text, tuning);
  const query = (should: Clause[]) => ({
    function_score: {
      query: {
        bool: {
          filter: [...visibleFilters(options.now), ...filters, ...(text.match ? [text.match] : [])],
          ...(text.match ? {} : { must: [browseScore] }),
          ...(should.length > 0 && { should }),
        },
      },
      // 1 + recency + evidence, times the text score: the priors can only reorder near-ties
      functions: [
        { weight: 1 },
        {
          field_value_factor: {
            field: 'evidenceRank',
            factor: tuning.evidence.weight / maxEvidenceRank,
            missing: 0,
          },
        },
        {
          exp: {
            publishedAt: {
              origin: dayOf(options.now),
              offset: tuning.recency.offset,
              scale: tuning.recency.scale,
              decay: tuning.recency.decay,
            },
          },
          weight: tuning.recency.weight,
        },
      ],
      score_mode: 'sum',
      boost_mode: 'multiply',
    },
  });
  const ranking = rescored
    ? {
        // the whole article's BM25 (times the priors) picks the window; every clause re-scores it
        query: query(text.scoring.slice(0, 1)),
        rescore: {
          window_size: tuning.rescore.window,
          query: { rescore_query: query(text.scoring), query_weight: 0, rescore_query_weight: 1 },
        },
        from: (params.page - 1) * params.pageSize,
      }
    : {
        query: query(text.scoring),
        sort: sortClauses[params.sort],
        track_scores: true,
        from: params.cursor ? 0 : (params.page - 1) * params.pageSize,
        ...(params.cursor && { search_after: params.cursor.after }),
      };
  return {
    ...ranking,
    ...(postFilters.length > 0 && { post_filter: { bool: { filter: postFilters } } }),
    aggs: {
      ...facetAggregations(params),
      // how many articles have enough of the words, whatever the filters: the fallback relaxes
      // the words only when they, not the filters, are why so little was found (unfiltered, the
      // total says it: see wordMatchCount)
      ...(text.match &&
        !options.fallback &&
        filtered(params) && {
          textMatches: {
            global: {},
            aggs: {
              matched: {
                filter: { bool: { filter: [...visibleFilters(options.now), text.match] } },
              },
            },
          },
        }),
    },
    track_total_hits: true,
    size: params.pageSize,
    _source: hitSourceFields,
    ...(text.match &&
      options.highlight !== false && {
        highlight: {
          pre_tags: [markOpen],
          post_tags: [markClose],
          highlight_query: highlightQuery(text, params.q, tuning),
          fields: {
            title: { number_of_fragments: 0 },
            summary: { fragment_size: 160, number_of_fragments: 1 },
            keyTakeaways: { fragment_size: 160, number_of_fragments: 1 },
            body: { fragment_size: 160, number_of_fragments: 2 },
          },
        },
      }),
    // only words typo tolerance could correct get a "did you mean" (see did-you-mean.ts)
    ...(text.words.some((word) => word.fuzziness > 0) && {
      suggest: {
        didYouMean: {
          text: params.q,
          term: {
            field: 'content.exact',
            // only words no article contains get a correction
            suggest_mode: 'missing',
            min_word_length: tuning.typo.minLength,
            prefix_length: 1,
            size: 3,
          },
        },
      },
    }),
  } satisfies Clause;
}
