import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { createRelatedService } from '../../shared/recommend/create-related.js';
import { makeRelatedRoute } from '../../shared/recommend/related-route.js';

const config = loadConfig();
const observability = createObservability('related', config);
const service = createRelatedService({
  // a cache miss computes live; fail fast rather than hold the widget
  openSearch: createOpenSearchClient(config, { requestTimeoutMs: 5_000 }),
  documents: createDocumentClient(config),
  config,
});

/** GET /articles/{id}/related?limit=N: the precomputed list, filtered on read. */
export const handler = httpHandler(makeRelatedRoute({ related: service }), observability);
