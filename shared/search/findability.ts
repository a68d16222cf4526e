import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Observability } from '../observability.js';
import type { SearchParams } from './search-params.js';
import type { SearchResponse } from './search-response.js';

/** Fewer results than this (for a text query) is a "low-result" search. */
const lowResultThreshold = 3;
/** Queries are logged up to this length. */
const loggedQueryLength = 200;

/**
 * One structured `search.query` line per search (query, page, total, time spent in the search
 * service): what the saved Logs Insights queries "top queries" and "slow searches" read.
 */
export function reportSearch(
  params: SearchParams,
  response: Pick<SearchResponse, 'total'>,
  durationMs: number,
  { logger }: Pick<Observability, 'logger'>,
): void {
  logger.info('search', {
    event: 'search.query',
    q: params.q.slice(0, loggedQueryLength),
    page: params.page,
    total: response.total,
    durationMs,
  });
}

/**
 * What readers look for and do not find: a text search with no or few results (or one that had
 * to be relaxed to any word because too few articles had enough of its words, or to near
 * spellings because none had any) is logged as a structured `search.findability` event
 * and counted in the `ZeroResultSearches` / `LowResultSearches` metrics. Only first pages count,
 * so paging through results never double-counts a search.
 */
export function reportFindability(
  params: SearchParams,
  response: Pick<SearchResponse, 'total' | 'relaxed' | 'approximate'>,
  { logger, metrics }: Observability,
): void {
  if (params.q === '' || params.page > 1) return;
  const outcome =
    response.total === 0
      ? 'zero'
      : response.total < lowResultThreshold || response.relaxed || response.approximate
        ? 'low'
        : undefined;
  if (!outcome) return;
  logger.info('search found little', {
    event: 'search.findability',
    outcome,
    q: params.q.slice(0, loggedQueryLength),
    total: response.total,
    relaxed: response.relaxed,
    approximate: response.approximate,
    filters: {
      tags: params.tags,
      tagsMode: params.tagsMode,
      category: params.category,
      evidenceType: params.evidenceType,
      source: params.source,
      evidenced: params.evidenced,
      year: params.year,
      publishedFrom: params.publishedFrom,
      publishedTo: params.publishedTo,
    },
  });
  // flushed with the invocation's other metrics by the HTTP wrapper (logMetrics)
  metrics.addMetric(
    outcome === 'zero' ? 'ZeroResultSearches' : 'LowResultSearches',
    MetricUnit.Count,
    1,
  );
}
