import type { Evidence } from '../articles/schema.js';
import { cursorBinding, encodeCursor } from './cursor.js';
import { didYouMean, type TermSuggestion } from './did-you-mean.js';
import { type FacetAggregations, type Facets, readFacets } from './facets.js';
import { escapeHtml, toMarkedHtml } from './highlight.js';
import type { SearchParams } from './search-params.js';

export interface SearchHit {
  id: string;
  title: string;
  summary: string;
  category: string;
  tags: string[];
  publishedAt: string;
  readTimeMinutes: number;
  evidence: Evidence | null;
  score: number;
  /** HTML: matched words in <mark>, everything else escaped. */
  highlights: { title: string; snippets: string[] };
}

/** Fields a hit carries back from the index (the body stays there); the rest is per query. */
export const hitSourceFields = [
  'id',
  'title',
  'summary',
  'category',
  'tags',
  'publishedAt',
  'readTimeMinutes',
  'evidence',
] as const satisfies ReadonlyArray<keyof SearchHit>;

export interface SearchResponse {
  total: number;
  page: number;
  pageSize: number;
  /** Opaque; pass as `cursor` (with the same parameters) for the next page. */
  nextCursor: string | null;
  hits: SearchHit[];
  facets: Facets;
  didYouMean: string | null;
  /** True when nothing matched enough words and any single word was accepted instead. */
  relaxed: boolean;
  /**
   * True when no article contained any of the words and near spellings of them (identifiers
   * included) were accepted instead.
   */
  approximate: boolean;
  /** True when the semantic step re-ranked this page; false when ranking is lexical only. */
  semantic: boolean;
  tookMs: number;
}

/** The parts of an OpenSearch `_search` answer this API reads. */
export interface RawSearchResult {
  hits: {
    total: { value: number } | number;
    hits: Array<{
      _source: Pick<SearchHit, (typeof hitSourceFields)[number]>;
      _score: number | null;
      sort?: Array<string | number>;
      highlight?: Partial<Record<'title' | 'summary' | 'keyTakeaways' | 'body', string[]>>;
    }>;
  };
  aggregations?: FacetAggregations & { textMatches?: { matched: { doc_count: number } } };
  suggest?: { didYouMean?: TermSuggestion[] };
}

/** How many articles matched (OpenSearch answers a number or `{ value }`). */
export const totalHits = (result: Pick<RawSearchResult, 'hits'>) =>
  typeof result.hits.total === 'number' ? result.hits.total : result.hits.total.value;

/** At most this many snippets per hit, taken from the summary, takeaways, then body. */
const maxSnippets = 3;

export function toSearchResponse(
  result: RawSearchResult,
  params: SearchParams,
  meta: { relaxed: boolean; approximate: boolean; tookMs: number; semantic?: boolean },
): SearchResponse {
  const total = totalHits(result);
  const hits = result.hits.hits;
  const seen = (params.page - 1) * params.pageSize;
  const last = hits.at(-1);
  const more = last?.sort !== undefined && seen + hits.length < total;
  return {
    total,
    page: params.page,
    pageSize: params.pageSize,
    nextCursor:
      more && last?.sort
        ? encodeCursor({
            sort: params.sort,
            after: last.sort,
            page: params.page + 1,
            binding: cursorBinding(params),
            ...(meta.semantic && { blended: true as const }),
          })
        : null,
    hits: hits.map(({ _source: source, _score, highlight }) => ({
      id: source.id,
      title: source.title,
      summary: source.summary,
      category: source.category,
      tags: source.tags,
      publishedAt: source.publishedAt,
      readTimeMinutes: source.readTimeMinutes,
      evidence: source.evidence ?? null,
      score: _score ?? 0,
      highlights: {
        title: highlight?.title?.[0] ? toMarkedHtml(highlight.title[0]) : escapeHtml(source.title),
        snippets: [
          ...(highlight?.summary ?? []),
          ...(highlight?.keyTakeaways ?? []),
          ...(highlight?.body ?? []),
        ]
          .slice(0, maxSnippets)
          .map(toMarkedHtml),
      },
    })),
    facets: readFacets(result.aggregations, params),
    didYouMean: didYouMean(params.q, result.suggest?.didYouMean),
    relaxed: meta.relaxed,
    approximate: meta.approximate,
    semantic: meta.semantic ?? false,
    tookMs: meta.tookMs,
  };
}
