import type { StoredEmbedding } from '../articles/stored-article.js';
import { type BlendCandidate, blendOrder } from '../semantic/blend.js';
import type { Embedder } from '../semantic/embedder.js';
import { cachedQueryEmbedder, type QueryEmbedder } from '../semantic/query-vectors.js';
import { decodeVector } from '../semantic/vector-codec.js';
import { didYouMean } from './did-you-mean.js';
import { queryWords } from './query-words.js';
import type { Relevance } from './relevance.js';
import type { SearchParams } from './search-params.js';
import type { RawSearchResult } from './search-response.js';

/** What the search service needs to run the semantic step (absent: lexical ranking only). */
export interface SemanticRanking {
  embedQuery: QueryEmbedder;
  /** The model whose vectors count: vectors another model made are ignored. */
  model: string;
  dimensions: number;
}

/** The semantic step with `embedder`, query vectors cached. */
export const semanticRankingOf = (embedder: Embedder): SemanticRanking => ({
  embedQuery: cachedQueryEmbedder(embedder),
  model: embedder.model.name,
  dimensions: embedder.model.dimensions,
});

/**
 * Whether a request is re-ranked: a text query in relevance order whose page starts within the
 * window of lexical hits that are blended. A cursor continues the ranking that issued it: one
 * from a blended page is cut from the same blended window, one from a lexical page stays
 * lexical; pages past the window are lexical either way (`search_after` the window's lexical tail).
 */
export const semanticApplies = (params: SearchParams, tuning: Relevance) =>
  tuning.semantic.weight > 0 &&
  params.q.trim() !== '' &&
  params.sort === 'relevance' &&
  (!params.cursor || params.cursor.blended === true) &&
  (params.page - 1) * params.pageSize < tuning.semantic.window;

/**
 * The request the blend re-orders: the lexical hits from the first up to the window's end or the
 * page's end, whichever is further (at most window + page size), from the top even when a
 * cursor asked for the page.
 */
export const windowParams = (params: SearchParams, tuning: Relevance): SearchParams => ({
  ...params,
  cursor: undefined,
  page: 1,
  pageSize: Math.max(tuning.semantic.window, params.page * params.pageSize),
});

type Hit = RawSearchResult['hits']['hits'][number] & { _source: { embedding?: StoredEmbedding } };

/**
 * The blend for one query, by its shape (the table in `relevance.semantic`): how many of the
 * window's hits, best first, it re-orders (`lexical`: their scores, best first) and at what
 * weight. `misspelled`: a word of `q` no article contains has a correction ("did you mean").
 */
export function blendFor(
  q: string,
  lexical: readonly number[],
  misspelled: boolean,
  settings: Relevance['semantic'],
): { hits: number; weight: number } {
  const { keywords } = settings;
  if (queryWords(q).length > keywords.maxWords) {
    return { hits: lexical.length, weight: settings.weight };
  }
  if (misspelled) return { hits: 0, weight: 0 };
  const floor = keywords.nearBest * (lexical[0] ?? 0);
  const below = lexical.findIndex((score) => score < floor);
  return { hits: below < 0 ? lexical.length : below, weight: keywords.weight };
}

/**
 * The window's order for `q` (its hits' lexical scores and vectors, best first): the hits
 * `blendFor` picks in blended order, then the others in lexical order, as indices.
 */
export function semanticOrder(
  q: string,
  window: readonly BlendCandidate[],
  query: Float32Array,
  misspelled: boolean,
  settings: Relevance['semantic'],
): number[] {
  const lexical = window.map((candidate) => candidate.lexical);
  const blend = blendFor(q, lexical, misspelled, settings);
  return [
    ...blendOrder(window.slice(0, blend.hits), query, blend.weight),
    ...Array.from({ length: window.length - blend.hits }, (_, i) => blend.hits + i),
  ];
}

/**
 * The requested page of the fetched hits, the window's in `semanticOrder` and any after it in
 * lexical order, or undefined when none of the window's hits has a vector of the current model
 * (the caller then answers lexically). Facets, totals and suggestions are the lexical query's,
 * untouched. The page's last hit carries the sort values of the lexical hit at the same
 * position: when the page ends at or past the window's end, that is where lexical order
 * continues; inside the window the next page is blended again (its cursor says so, see
 * `semanticApplies`) and the values go unused.
 */
export function rerankWindow(
  result: RawSearchResult,
  params: SearchParams,
  query: Float32Array,
  semantic: Pick<SemanticRanking, 'model' | 'dimensions'>,
  settings: Relevance['semantic'],
): RawSearchResult | undefined {
  const fetched = result.hits.hits as Hit[];
  const window = fetched.slice(0, settings.window).map((hit) => ({
    lexical: hit._score ?? 0,
    vector:
      hit._source.embedding?.model === semantic.model
        ? decodeVector(hit._source.embedding.vector, semantic.dimensions)
        : undefined,
  }));
  if (!window.some((candidate) => candidate.vector)) return undefined;
  const misspelled = didYouMean(params.q, result.suggest?.didYouMean) !== null;
  const order = [
    ...semanticOrder(params.q, window, query, misspelled, settings),
    ...Array.from({ length: fetched.length - window.length }, (_, i) => window.length + i),
  ];
  const start = (params.page - 1) * params.pageSize;
  const page = order.slice(start, start + params.pageSize).map((i) => fetched[i] as Hit);
  const lexicalLast = fetched[start + page.length - 1];
  const last = page.at(-1);
  if (last && lexicalLast) page[page.length - 1] = { ...last, sort: lexicalLast.sort };
  return { ...result, hits: { ...result.hits, hits: page } };
}
