import type { StoredEmbedding } from '../articles/stored-article.js';
import { blendOrder } from '../semantic/blend.js';
import type { Embedder } from '../semantic/embedder.js';
import { cachedQueryEmbedder, type QueryEmbedder } from '../semantic/query-vectors.js';
import { decodeVector } from '../semantic/vector-codec.js';
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
 * The requested page of the fetched hits, the window's in blended order and any after it in
 * lexical order, or undefined when none of them has a
 * vector of the current model (the caller then answers lexically). Facets, totals and
 * suggestions are the lexical query's, untouched. The page's last hit carries the sort values of
 * the lexical hit at the same position: when the page ends at or past the window's end, that is
 * where lexical order continues; inside the window the next page is blended again (its cursor
 * says so, see `semanticApplies`) and the values go unused.
 */
export function rerankWindow(
  result: RawSearchResult,
  params: SearchParams,
  query: Float32Array,
  semantic: Pick<SemanticRanking, 'model' | 'dimensions'>,
  { weight, window }: Relevance['semantic'],
): RawSearchResult | undefined {
  const fetched = result.hits.hits as Hit[];
  const hits = fetched.slice(0, window);
  const vectors = hits.map(({ _source: { embedding } }) =>
    embedding?.model === semantic.model
      ? decodeVector(embedding.vector, semantic.dimensions)
      : undefined,
  );
  if (!vectors.some(Boolean)) return undefined;
  const order = [
    ...blendOrder(
      hits.map((hit, i) => ({ lexical: hit._score ?? 0, vector: vectors[i] })),
      query,
      weight,
    ),
    ...Array.from({ length: fetched.length - hits.length }, (_, i) => hits.length + i),
  ];
  const start = (params.page - 1) * params.pageSize;
  const page = order.slice(start, start + params.pageSize).map((i) => fetched[i] as Hit);
  const lexicalLast = fetched[start + page.length - 1];
  const last = page.at(-1);
  if (last && lexicalLast) page[page.length - 1] = { ...last, sort: lexicalLast.sort };
  return { ...result, hits: { ...result.hits, hits: page } };
}
