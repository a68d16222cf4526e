import { LambdaClient } from '@aws-sdk/client-lambda';
import { OpenSearchClient as OpenSearchControlPlane } from '@aws-sdk/client-opensearch';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { domainBusyReason } from '../../shared/jobs/domain-activity.js';
import { makeScheduledReindex } from '../../shared/jobs/reindex-job.js';
import { selfInvoker } from '../../shared/jobs/self-invoke.js';
import { createObservability, withObservability } from '../../shared/observability.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';

const config = loadConfig();
const observability = createObservability('reindex', config);
// Bulk requests of up to 5 MB and verification scrolls need more than the API's 10 s timeout.
const client = createOpenSearchClient(config, { requestTimeoutMs: 60_000, gzipRequests: true });
const domainName = config.openSearchDomainName;
const controlPlane = domainName ? new OpenSearchControlPlane({ region: config.region }) : undefined;

/** EventBridge schedule → full reindex, continued by asynchronous self-invocation when long. */
export const handler = withObservability(
  makeScheduledReindex({
    ...observability,
    reindex: {
      client,
      admin: new IndexAdmin(client, config.indexAlias),
      db: createDocumentClient(config),
      tableName: config.articlesTable,
    },
    // Locally (no domain name) there is no control plane to ask.
    domainBusy: async () =>
      controlPlane && domainName ? domainBusyReason(controlPlane, domainName) : undefined,
    continueLater: selfInvoker(new LambdaClient({ region: config.region })),
  }),
  observability,
);
