import { json } from '../http.js';
import type { HttpRoute } from '../http-handler.js';
import { parseSuggestParams, queryValues } from './search-params.js';
import type { SearchService } from './search-service.js';

/** Autocomplete repeats the same prefixes all day; a few minutes of caching saves most calls. */
const suggestCacheSeconds = 300;

/** `GET /suggest?q=`: validate → suggest → JSON. */
export const makeSuggestRoute =
  ({ search }: { search: Pick<SearchService, 'suggest'> }): HttpRoute =>
  async (event) =>
    json(200, await search.suggest(parseSuggestParams(queryValues(event))), {
      cacheSeconds: suggestCacheSeconds,
    });
