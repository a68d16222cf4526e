import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { makeSearchRoute } from '../../shared/search/search-route.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { semanticRankingOf } from '../../shared/search/semantic-rerank.js';
import { loadSemantic, semanticUnavailableMetric } from '../../shared/semantic/load-semantic.js';

const config = loadConfig();
const observability = createObservability('search', config);
const embedder = await loadSemantic(config.semanticModelDir, observability);
const search = createSearchService(createOpenSearchClient(config), {
  index: config.indexAlias,
  semantic: embedder && semanticRankingOf(embedder),
  onSemanticUnavailable: (reason) => {
    observability.logger.info('search answered lexically', { reason });
    observability.metrics.addMetric(semanticUnavailableMetric, MetricUnit.Count, 1);
  },
});

/** GET /search: faceted full-text search, re-ranked by meaning when the model is loaded. */
export const handler = httpHandler(makeSearchRoute({ search, observability }), observability);
