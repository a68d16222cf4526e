import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { ensureLocalResources } from './tables.js';

export interface LocalNames {
  indexAlias: string;
  articlesTable: string;
  relatedTable: string;
  deadLetterQueue: string;
}

/** The names of one local stack's resources, all prefixed with `name`. */
export function localNames(name: string): LocalNames {
  return {
    indexAlias: name,
    articlesTable: `${name}-articles`,
    relatedTable: `${name}-related`,
    deadLetterQueue: `${name}-dead-letters`,
  };
}

export interface LocalEndpoints {
  openSearchUrl: string;
  awsEndpoint: string;
  region: string;
}

/**
 * Creates what a local stack needs (tables, stream, queue, first index generation) and returns
 * the environment the functions read with `loadConfig`, exactly as CDK would set it on AWS.
 */
export async function provisionLocal(
  endpoints: LocalEndpoints,
  names: LocalNames,
  adminToken: string,
): Promise<{ env: Record<string, string>; streamArn: string; mappingStale: boolean }> {
  const aws = {
    endpoint: endpoints.awsEndpoint,
    region: endpoints.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamodb = new DynamoDBClient(aws);
  const sqs = new SQSClient(aws);
  const { streamArn, deadLetterQueueUrl } = await ensureLocalResources(dynamodb, sqs, names);
  dynamodb.destroy();
  sqs.destroy();
  const client = createOpenSearchClient({
    openSearch: { url: endpoints.openSearchUrl, auth: 'none' },
    region: endpoints.region,
  });
  const { stale } = await new IndexAdmin(client, names.indexAlias).ensureLive();
  await client.close();
  const env = {
    OPENSEARCH_URL: endpoints.openSearchUrl,
    OPENSEARCH_AUTH: 'none',
    INDEX_ALIAS: names.indexAlias,
    ARTICLES_TABLE: names.articlesTable,
    RELATED_TABLE: names.relatedTable,
    DEAD_LETTER_QUEUE_URL: deadLetterQueueUrl,
    AWS_ENDPOINT_URL: endpoints.awsEndpoint,
    AWS_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ADMIN_AUTH: 'token',
    LOCAL_ADMIN_TOKEN: adminToken,
  };
  return { env, streamArn, mappingStale: stale };
}
