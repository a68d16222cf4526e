import { LambdaClient } from '@aws-sdk/client-lambda';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { makeRefreshHandler } from '../../shared/jobs/refresh-related-job.js';
import { selfInvoker } from '../../shared/jobs/self-invoke.js';
import { createObservability, withObservability } from '../../shared/observability.js';
import { createRelated } from '../../shared/recommend/create-related.js';
import { refreshRelated } from '../../shared/recommend/refresh-related.js';

const config = loadConfig();
const observability = createObservability('refresh-related', config);
const { logger } = observability;
const related = createRelated({
  openSearch: createOpenSearchClient(config),
  documents: createDocumentClient(config),
  config,
});
const deps = related.refreshDeps((message, details) => logger.warn(message, details));

/**
 * Scheduled: `{ mode: 'full' }` after the nightly reindex recomputes every list; `{ mode:
 * 'markers' }` every few minutes recomputes the lists marked by the stream indexer. Continues
 * itself past Lambda's 15-minute limit.
 */
export const handler = withObservability(
  makeRefreshHandler({
    run: (state, deadline) => refreshRelated(state, deadline, deps),
    continueWith: selfInvoker(new LambdaClient({ region: config.region })),
    logger,
  }),
  observability,
);
