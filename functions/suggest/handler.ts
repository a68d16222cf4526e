import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { makeSuggestRoute } from '../../shared/search/suggest-route.js';

const config = loadConfig();
const observability = createObservability('suggest', config);
// autocomplete is useless late: fail fast instead of holding a keystroke
const client = createOpenSearchClient(config, { requestTimeoutMs: 3_000, maxRetries: 1 });
const search = createSearchService(client, { index: config.indexAlias });

/** GET /suggest?q=: autocomplete over titles, tags and categories. */
export const handler = httpHandler(makeSuggestRoute({ search }), observability);
