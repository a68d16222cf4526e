import { json } from '../http.js';
import type { HttpRoute } from '../http-handler.js';
import type { Observability } from '../observability.js';
import { reportFindability, reportSearch } from './findability.js';
import { parseSearchParams, queryValues } from './search-params.js';
import type { SearchService } from './search-service.js';

/** Results may be a minute old: new articles appear within the indexing delay anyway. */
const searchCacheSeconds = 60;

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
