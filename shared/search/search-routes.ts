import { json } from '../http.js';
import type { HttpRoute } from '../http-handler.js';
import type { Observability } from '../observability.js';
import { reportFindability, reportSearch } from './findability.js';
import { parseSearchParams, parseSuggestParams, queryValues } from './search-params.js';
import type { SearchService } from './search-service.js';

/** Results may be a minute old: new articles appear within the indexing delay anyway. */
const searchCacheSeconds = 60;
/** Autocomplete repeats the same prefixes all day; a few minutes of caching saves most calls. */
const suggestCacheSeconds = 300;

/** `GET /search`: validate → search → report findability → JSON. */
export const makeSearchRoute =
  ({ search, observability }: { search: SearchService; observability: Observability }): HttpRoute =>
  async (event) => {
    const params = parseSearchParams(queryValues(event));
    const started = Date.now();
    const response = await search.search(params);
    reportSearch(params, response, Date.now() - started, observability);
    reportFindability(params, response, observability);
    return json(200, response, { cacheSeconds: searchCacheSeconds });
  };

/** `GET /suggest?q=`: validate → suggest → JSON. */
export const makeSuggestRoute =
  ({ search }: { search: Pick<SearchService, 'suggest'> }): HttpRoute =>
  async (event) =>
    json(200, await search.suggest(parseSuggestParams(queryValues(event))), {
      cacheSeconds: suggestCacheSeconds,
    });
