import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { makeSearchRoute } from '../../shared/search/search-routes.js';
import { createSearchService } from '../../shared/search/search-service.js';

const config = loadConfig();
const observability = createObservability('search');
const search = createSearchService(createOpenSearchClient(config), { index: config.indexAlias });

/** GET /search: faceted full-text search. */
export const handler = httpHandler(makeSearchRoute({ search, observability }), observability);
