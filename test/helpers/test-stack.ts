import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localNames, provisionLocal } from '../../scripts/local/provision.js';
import { createOpenSearchClient, type OpenSearchClient } from '../../shared/clients/opensearch.js';
import { type Config, loadConfig } from '../../shared/config.js';
import type { ReindexDeps } from '../../shared/ingest/reindex.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';

export interface TestStack {
  /** Unique prefix of this test file's tables, queue and index alias. */
  name: string;
  config: Config;
  env: Record<string, string>;
  adminToken: string;
  openSearch: OpenSearchClient;
  admin: IndexAdmin;
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  sqs: SQSClient;
  close(): Promise<void>;
}

/**
 * Gives one test file its own tables, dead-letter queue and index alias on the shared real
 * services started by test/global-setup.ts, and puts the matching configuration in process.env —
 * call it before dynamically importing a function's handler, which reads its config at load time.
 */
export async function createTestStack(label: string): Promise<TestStack> {
  const name = `t-${label}-${randomBytes(3).toString('hex')}`;
  const adminToken = randomBytes(16).toString('hex');
  const openSearchUrl = required('OPENSEARCH_URL');
  const awsEndpoint = required('AWS_ENDPOINT_URL');
  const region = required('AWS_REGION');
  const { env } = await provisionLocal(
    { openSearchUrl, awsEndpoint, region },
    localNames(name),
    adminToken,
  );
  Object.assign(process.env, env);
  const config = loadConfig();
  const aws = { endpoint: awsEndpoint, region };
  const dynamodb = new DynamoDBClient(aws);
  const openSearch = createOpenSearchClient(config);
  const sqs = new SQSClient(aws);
  return {
    name,
    config,
    env,
    adminToken,
    openSearch,
    admin: new IndexAdmin(openSearch, config.indexAlias),
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs,
    async close() {
      await openSearch.close();
      dynamodb.destroy();
      sqs.destroy();
    },
  };
}

/** What a full reindex of this stack's article table into its index alias needs. */
export const reindexDepsOf = (stack: TestStack): ReindexDeps => ({
  client: stack.openSearch,
  admin: stack.admin,
  db: stack.documents,
  tableName: stack.config.articlesTable,
});

function required(key: string): string {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set: run tests through vitest (test/global-setup.ts)`);
  return value;
}
