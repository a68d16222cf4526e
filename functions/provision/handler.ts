import { LambdaClient } from '@aws-sdk/client-lambda';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { CdkCustomResourceResponse } from 'aws-lambda';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { invokeAsync } from '../../shared/jobs/self-invoke.js';
import { createObservability, withObservability } from '../../shared/observability.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { parseProvisionEvent } from '../../shared/search-index/provision-event.js';
import { provisionSearch } from '../../shared/search-index/provision-search.js';

const config = loadConfig(['openSearchAdminRoleArn', 'reindexFunctionName']);
const observability = createObservability('provision', config);
const { logger } = observability;
const { openSearchAdminRoleArn: adminRoleArn, reindexFunctionName } = config;
// Signs as the fine-grained access control master user: only it may change security roles.
const client = createOpenSearchClient(config, {
  requestTimeoutMs: 120_000,
  credentials: fromTemporaryCredentials({
    params: { RoleArn: adminRoleArn, RoleSessionName: 'provision', DurationSeconds: 900 },
  }),
});
const lambda = new LambdaClient({ region: config.region });

/** Custom resource (CDK Provider framework): roles, first generation, reindex on a new mapping. */
export const handler = withObservability(
  async (event: unknown): Promise<CdkCustomResourceResponse> => {
    const result = await provisionSearch(
      {
        client,
        admin: new IndexAdmin(client, config.indexAlias),
        startReindex: () => invokeAsync(lambda, reindexFunctionName, { trigger: 'deploy' }),
      },
      parseProvisionEvent(event),
    );
    logger.info('search provisioned', { ...result });
    return {
      PhysicalResourceId: `${config.indexAlias}-provisioning`,
      Data: {
        liveGeneration: result.liveGeneration ?? '',
        reindexStarted: String(result.reindexStarted),
      },
    };
  },
  observability,
);
