import type { OpenSearchClient } from '../clients/opensearch.js';
import { BackendError } from '../errors.js';
import { requiredClauses } from './minimum-should-match.js';
import { queryWords } from './query-words.js';
import { type Relevance, relevance } from './relevance.js';
import type { SearchParams, SuggestParams } from './search-params.js';
import { buildSearchQuery, withRelevanceSortValues, wordMatchCount } from './search-query.js';
import {
  type RawSearchResult,
  type SearchResponse,
  toSearchResponse,
  totalHits,
} from './search-response.js';
import {
  rerankWindow,
  type SemanticRanking,
  semanticApplies,
  windowParams,
} from './semantic-rerank.js';
import { buildSuggestQuery, type SuggestResponse, toSuggestResponse } from './suggest-query.js';

export interface SearchService {
  search(params: SearchParams): Promise<SearchResponse>;
  suggest(params: SuggestParams): Promise<SuggestResponse>;
}

export interface SearchServiceOptions {
  /** The read alias. */
  index: string;
  now?: () => Date;
  tuning?: Relevance;
  /** False for callers that only rank (the evaluation); see SearchQueryOptions. */
  highlight?: boolean;
  /** The semantic step; without it (no model) ranking is lexical and responses say `semantic: false`. */
  semantic?: SemanticRanking;
  /** Called when the semantic step should have run but could not (query embedding failed, no vectors). */
  onSemanticUnavailable?: (reason: string) => void;
}

/**
 * The only code that sends search requests to OpenSearch. Builds the query, retries with any
 * single word when too few articles have enough of the words (see `relevance.relaxBelow`), then,
 * if no article matches any word, with near spellings of every word (`relevance.approximate`),
 * and maps the answer. OpenSearch errors become a 503 whose body says
 * nothing about the cluster.
 */
export function createSearchService(
  client: OpenSearchClient,
  options: SearchServiceOptions,
): SearchService {
  const now = options.now ?? (() => new Date());
  const tuning = options.tuning ?? relevance;
  const highlight = options.highlight;

  async function send<T>(body: object): Promise<T> {
    try {
      const res = await client.search({ index: options.index, body: body as never });
      return res.body as T;
    } catch (error) {
      throw new BackendError('Search is unavailable right now.', { cause: error });
    }
  }

  return {
    async search(params) {
      const started = performance.now();
      const at = now();
      const semantic =
        options.semantic && semanticApplies(params, tuning) ? options.semantic : undefined;
      const queryVector = semantic?.embedQuery(params.q).catch((error: unknown) => {
        options.onSemanticUnavailable?.(`query embedding failed: ${String(error)}`);
        return undefined;
      });
      const request = semantic ? windowParams(params, tuning) : params;
      const run = (fallback?: 'relaxed' | 'approximate') => {
        const body = buildSearchQuery(request, { now: at, tuning, highlight, fallback });
        return send<RawSearchResult>(
          semantic ? { ...body, _source: [...body._source, 'embedding'] } : body,
        ).then((result) => ('rescore' in body ? withRelevanceSortValues(result) : result));
      };
      let relaxed = false;
      let approximate = false;
      let result = await run();
      const matched = wordMatchCount(params, result, tuning);
      if (matched !== undefined && matched < tuning.relaxBelow && relaxable(params.q, tuning)) {
        relaxed = true;
        result = await run('relaxed');
      }
      if (matched === 0 && totalHits(result) === 0) {
        const near = await run('approximate');
        if (totalHits(near) > 0) [result, relaxed, approximate] = [near, false, true];
      }
      const vector = await queryVector;
      const blended =
        semantic && vector
          ? rerankWindow(result, params, vector, semantic, tuning.semantic)
          : undefined;
      if (semantic && vector && !blended && result.hits.hits.length > 0) {
        options.onSemanticUnavailable?.('no hit has a vector of the current model');
      }
      const tookMs = Math.round(performance.now() - started);
      return toSearchResponse(blended ?? pageOf(result, params, request), params, {
        relaxed,
        approximate,
        tookMs,
        semantic: blended !== undefined,
      });
    },

    async suggest(params) {
      if (params.q === '') return { q: '', items: [] };
      const result = await send<Parameters<typeof toSuggestResponse>[0]>(
        buildSuggestQuery(params, { now: now(), tuning }),
      );
      return toSuggestResponse(result, params);
    },
  };
}

/** The requested page of a result fetched for `request` (the window when the blend was tried). */
function pageOf(
  result: RawSearchResult,
  params: SearchParams,
  request: SearchParams,
): RawSearchResult {
  if (request === params) return result;
  const start = (params.page - 1) * params.pageSize;
  return {
    ...result,
    hits: { ...result.hits, hits: result.hits.hits.slice(start, start + params.pageSize) },
  };
}

/** Whether the strict query asks for more than one word, so that relaxing it changes anything. */
const relaxable = (q: string, tuning: Relevance) =>
  requiredClauses(tuning.minimumShouldMatch, queryWords(q, tuning.typo).length) > 1;
