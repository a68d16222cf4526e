/**
 * Names of the environment variables the runtime reads. The single list shared by `loadConfig`
 * (which validates the values) and the CDK app (which sets them), so neither can drift.
 */
export const ConfigKeys = {
  /** OpenSearch endpoint, e.g. https://search-x.eu-west-1.es.amazonaws.com or http://127.0.0.1:9200. */
  openSearchUrl: 'OPENSEARCH_URL',
  /** `aws` signs requests with SigV4 (Amazon OpenSearch Service); `none` for the local node. */
  openSearchAuth: 'OPENSEARCH_AUTH',
  /** Name of the alias family: reads go to `<alias>`, the indexer writes to `<alias>-write`. */
  indexAlias: 'INDEX_ALIAS',
  /** DynamoDB table holding articles (source of truth) and index-generation state. */
  articlesTable: 'ARTICLES_TABLE',
  /** DynamoDB table holding precomputed related-article lists (with TTL). */
  relatedTable: 'RELATED_TABLE',
  /** SQS queue URL where the stream indexer sends records it can never index. */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** Local only: endpoint override for DynamoDB, DynamoDB Streams and SQS (moto). */
  awsEndpoint: 'AWS_ENDPOINT_URL',
  /** AWS region (set by Lambda itself when deployed). */
  region: 'AWS_REGION',
  /** `iam` when API Gateway authorizes admin routes with SigV4; `token` for the local bearer token. */
  adminAuth: 'ADMIN_AUTH',
  /** Local only: bearer token accepted for admin routes when ADMIN_AUTH=token. */
  localAdminToken: 'LOCAL_ADMIN_TOKEN',
  /** OpenSearch Service domain name, for control-plane checks (DescribeDomain) before a reindex. */
  openSearchDomainName: 'OPENSEARCH_DOMAIN_NAME',
  /** IAM role that is the fine-grained access control master user (assumed by the provisioning function). */
  openSearchAdminRoleArn: 'OPENSEARCH_ADMIN_ROLE_ARN',
  /** Name of the reindex function, which deployments start when the mapping changed. */
  reindexFunctionName: 'REINDEX_FUNCTION_NAME',
  /** Public base URL of the site API, used to build `moreUrl` links (optional, defaults to relative). */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /**
   * Folder holding the sentence-embedding model's files (see shared/semantic/model.ts). Unset, or
   * unloadable, means lexical ranking only: the semantic step is off, never an error.
   */
  semanticModelDir: 'SEMANTIC_MODEL_DIR',
  /** CloudWatch namespace of the functions' metrics (Powertools reads the same variable). */
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

export type ConfigKey = (typeof ConfigKeys)[keyof typeof ConfigKeys];
