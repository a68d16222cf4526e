import {
  type ApiClient,
  createApiClient,
  type SearchQuery,
  type SearchResponse,
} from '../api/client.js';
import type { AlgoliaRequest, AlgoliaResult } from './algolia-types.js';
import { toAlgoliaResult } from './to-algolia-result.js';
import { toApiQuery } from './to-api-query.js';

export interface SearchClientOptions {
  /** Base URL of the Type1Cure API, e.g. `https://api.example.org`. */
  apiBase: string;
  /** Where unsupported parameters are reported, once each. Default `console.warn`. */
  warn?: (message: string) => void;
  fetch?: typeof fetch;
}

/** An InstantSearch `searchClient` backed by `GET /search`. */
export interface Type1CureSearchClient {
  search(requests: readonly AlgoliaRequest[]): Promise<{ results: AlgoliaResult[] }>;
  /** Forgets cached answers (InstantSearch's `refresh()` calls it). */
  clearCache(): Promise<void>;
}

/**
 * Creates the searchClient for InstantSearch.js v4 / React InstantSearch v7. A batch costs one
 * `GET /search` per distinct query: the extra facet requests InstantSearch sends for disjunctive
 * refinement lists are answered from the main request's disjunctive counts.
 */
export function createSearchClient(options: SearchClientOptions): Type1CureSearchClient {
  const api = createApiClient(options.apiBase, options.fetch);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const reported = new Set<string>();
  const cache = new Map<string, Promise<SearchResponse>>();

  const report = (problems: string[]) => {
    for (const problem of problems) {
      if (reported.has(problem)) continue;
      reported.add(problem);
      warn(`[type1cure search client] not supported, ignored: ${problem}`);
    }
  };
  const fetchOnce = (query: SearchQuery) => {
    const key = JSON.stringify(query);
    let pending = cache.get(key);
    if (!pending) {
      pending = searchApi(api, query);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };

  return {
    async search(requests) {
      const mapped = requests.map((request) => ({ request, ...toApiQuery(request) }));
      for (const { unsupported } of mapped) report(unsupported);
      const answered = mapped.map(({ request, query }) => {
        const countsOnly = request.params?.hitsPerPage === 0;
        if (!countsOnly) return fetchOnce(query);
        const main = mapped.find((other) => answers(other, request, query));
        return fetchOnce(main ? main.query : { ...query, pageSize: 1 });
      });
      const responses = await Promise.all(answered);
      return {
        results: mapped.map(({ request }, i) =>
          toAlgoliaResult(request, responses[i] as SearchResponse),
        ),
      };
    },

    async clearCache() {
      cache.clear();
    },
  };
}

/**
 * Whether `main`'s response can answer a counts-only request: same index and query, and the
 * same filters except those of the facets asked for (the API's counts leave a facet's own
 * filter out, as such a request does).
 */
function answers(
  main: { request: AlgoliaRequest; query: SearchQuery },
  countsOnly: AlgoliaRequest,
  query: SearchQuery,
): boolean {
  if (main.request === countsOnly || main.request.params?.hitsPerPage === 0) return false;
  if (main.request.indexName !== countsOnly.indexName) return false;
  const facets = countsOnly.params?.facets;
  const own = new Set(typeof facets === 'string' ? [facets] : (facets ?? []));
  const strip = (q: SearchQuery) => {
    const { page, pageSize, tagsMode, ...rest } = q;
    const kept = Object.entries(rest).filter(([name]) => !own.has(name));
    // tagsMode only matters while tags are filtered
    if (!own.has('tags') && q.tags) kept.push(['tagsMode', tagsMode ?? 'all']);
    if (own.has('year')) {
      return JSON.stringify(
        kept.filter(([n]) => n !== 'publishedFrom' && n !== 'publishedTo').sort(),
      );
    }
    return JSON.stringify(kept.sort());
  };
  return strip(main.query) === strip(query);
}

async function searchApi(api: ApiClient, query: SearchQuery): Promise<SearchResponse> {
  const { data, error, response } = await api.GET('/search', { params: { query } });
  if (data) return data;
  const detail = error && 'detail' in error ? String(error.detail) : response.statusText;
  throw new Error(`GET /search failed (${response.status}): ${detail}`);
}
