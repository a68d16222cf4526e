import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import type { Construct } from 'constructs';
import { ConfigKeys } from '../../shared/config-keys.js';
import { mappingHash } from '../../shared/search-index/mapping.js';
import { type FunctionName, functionNames } from '../bundling.js';
import type { StageConfig } from '../config.js';
import { Edge } from '../constructs/edge.js';
import { Monitoring } from '../constructs/monitoring.js';
import {
  type DomainHttpAction,
  type DomainRef,
  NodeFunction,
  type RuntimeEnvironment,
} from '../constructs/node-function.js';
import { ScheduledJob } from '../constructs/scheduled-job.js';
import { SearchApi } from '../constructs/search-api.js';
import { SearchDomain } from '../constructs/search-domain.js';
import { SearchProvisioning } from '../constructs/search-provisioning.js';
import { SemanticLayer } from '../constructs/semantic-layer.js';
import { StreamIndexer } from '../constructs/stream-indexer.js';
import { pascalCase } from '../pascal-case.js';

/** The public functions' concurrency caps; the indexer and jobs share the rest of the account. */
const reservedConcurrencyOf = (config: StageConfig, name: FunctionName): number | undefined =>
  (config.reservedConcurrency as Partial<Record<FunctionName, number>>)[name];

export interface SearchStackProps extends StackProps {
  config: StageConfig;
  articlesTable: ITable;
  relatedTable: ITable;
  domain: IDomain;
}

/**
 * The stateless half: every Lambda with exactly the access it needs, the HTTP API, the stream
 * indexer, the scheduled jobs, alarms and the dashboard. Safe to destroy and redeploy.
 */
export class SearchStack extends Stack {
  readonly functions: Record<FunctionName, NodeFunction>;
  readonly semanticLayer: SemanticLayer;
  readonly api: SearchApi;
  readonly edge: Edge;
  readonly streamIndexer: StreamIndexer;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: SearchStackProps) {
    super(scope, id, props);
    const { config, articlesTable, relatedTable, domain } = props;
    // `loadConfig` validates these in every function, so all of them get the same values.
    const environment: RuntimeEnvironment = {
      [ConfigKeys.openSearchUrl]: `https://${domain.domainEndpoint}`,
      [ConfigKeys.openSearchAuth]: 'aws',
      [ConfigKeys.indexAlias]: config.indexAlias,
      [ConfigKeys.articlesTable]: articlesTable.tableName,
      [ConfigKeys.relatedTable]: relatedTable.tableName,
      [ConfigKeys.adminAuth]: 'iam',
    };
    const sizing = (memorySize: number, timeoutSeconds: number) => ({
      memorySize,
      timeout: Duration.seconds(timeoutSeconds),
    });
    // API functions answer well inside API Gateway's 30 s; jobs use Lambda's 15-minute maximum.
    // search and articles load the embedding model (SemanticLayer): measured with it, peak RSS
    // 140 MB for search (54 MB without; a query vector adds ~1 MB) and 207 MB for articles after
    // embedding the 55 fixture articles (93 MB without), so memory is set by CPU share: search
    // keeps 1024 MB (~0.6 vCPU) for its query embedding on the request path; articles keeps
    // 512 MB, 2.5× its peak, for editors' writes (24 ms per article on one x64 core here).
    type FunctionSpec = { description: string; memorySize: number; timeout: Duration };
    const specs: Record<FunctionName, FunctionSpec> = {
      articles: { description: 'Admin article CRUD', ...sizing(512, 10) },
      search: { description: 'GET /search', ...sizing(1024, 10) },
      suggest: { description: 'GET /suggest', ...sizing(512, 5) },
      related: { description: 'GET /articles/{id}/related', ...sizing(1024, 10) },
      openapi: { description: 'GET /openapi.json', ...sizing(256, 5) },
      'index-stream': { description: 'Article stream to OpenSearch', ...sizing(1024, 60) },
      reindex: { description: 'Nightly zero-downtime full reindex', ...sizing(2048, 900) },
      'refresh-related': { description: 'Refresh precomputed related lists', ...sizing(1024, 900) },
      provision: {
        description: 'Deploy-time OpenSearch roles and index setup',
        ...sizing(512, 300),
      },
    };
    const fns = Object.fromEntries(
      functionNames.map((name) => [
        name,
        new NodeFunction(this, `${pascalCase(name)}Function`, {
          name,
          config,
          environment,
          ...specs[name],
          reservedConcurrentExecutions: reservedConcurrencyOf(config, name),
        }),
      ]),
    ) as Record<FunctionName, NodeFunction>;
    const domainRef: DomainRef = {
      name: config.domainName,
      arn: SearchDomain.arnFor(this, config.domainName),
    };
    const read: DomainHttpAction[] = ['ESHttpGet', 'ESHttpPost'];

    // The embedding model and runtime: query vectors (search), document vectors on write (articles).
    const semanticLayer = new SemanticLayer(this, 'SemanticLayer', { config });
    fns.search.bindSemanticModel(semanticLayer);
    fns.articles.bindSemanticModel(semanticLayer);

    // Who may do what, with the code that needs it (shared/…).
    // articles/article-store: consistent read, conditional put (tombstones are puts too).
    fns.articles.grantTable(articlesTable, ['GetItem', 'PutItem']);
    // search/search-service, search/suggest: _search and _msearch.
    fns.search.grantDomainHttp(domainRef, read);
    fns.suggest.grantDomainHttp(domainRef, read);
    // recommend/related-service: stored list, live recompute on a miss, article lookups.
    fns.related
      .grantTable(relatedTable, ['GetItem', 'PutItem'])
      .grantTable(articlesTable, ['GetItem', 'BatchGetItem'])
      .grantDomainHttp(domainRef, read);
    // ingest/index-stream-batch: alias lookup (GET), _bulk; recommend/related-on-indexed:
    // a deleted or scheduled article's list deleted, written articles marked (update).
    fns['index-stream']
      .grantDomainHttp(domainRef, ['ESHttpGet', 'ESHttpPost'])
      .grantTable(relatedTable, ['DeleteItem', 'UpdateItem']);
    // ingest/reindex: item count (DescribeTable), parallel scan, verification (BatchGetItem),
    // index generations, templates and aliases (every verb), DescribeDomain before starting.
    fns.reindex
      .grantTable(articlesTable, ['DescribeTable', 'Scan', 'BatchGetItem'])
      .grantDomainHttp(domainRef, [
        'ESHttpGet',
        'ESHttpHead',
        'ESHttpPost',
        'ESHttpPut',
        'ESHttpDelete',
      ])
      .bindDomainControlPlane(domainRef);
    // recommend/refresh-related: source documents and recompute (_search, _msearch), the
    // neighbour queue (batch read, update), list put/delete.
    fns['refresh-related']
      .grantTable(relatedTable, ['BatchGetItem', 'UpdateItem', 'PutItem', 'DeleteItem'])
      .grantDomainHttp(domainRef, read);

    // Deploy-time setup inside OpenSearch: which function holds which fine-grained role.
    const provisioning = new SearchProvisioning(this, 'Provisioning', {
      config,
      handler: fns.provision,
      masterUserRoleArn: SearchDomain.masterUserRoleArnFor(this, config.resourcePrefix),
      reindex: fns.reindex,
      roleHolders: {
        reader: [fns.search, fns.suggest, fns.related, fns['refresh-related']].map(
          (fn) => fn.executionRole,
        ),
        writer: [fns['index-stream'].executionRole],
        admin: [fns.reindex.executionRole],
      },
      mappingHash,
    });

    const api = new SearchApi(this, 'Api', { config, functions: fns });
    const edge = new Edge(this, 'Edge', {
      config,
      api: api.api,
      siteAssetsDir: config.siteAssetsDir,
      webAclArn: config.webAclArn,
    });
    const indexer = new StreamIndexer(this, 'StreamIndexer', {
      config,
      indexer: fns['index-stream'],
      table: articlesTable,
    });
    // The stream writes into the generation provisioning creates on a fresh domain.
    indexer.mapping.node.addDependency(provisioning);
    const { reindexHourUtc, relatedRefreshHourUtc, markerRefreshMinutes } = config.schedules;
    new ScheduledJob(this, 'ReindexJob', {
      job: fns.reindex,
      triggers: [
        {
          id: 'Nightly',
          schedule: Schedule.cron({ minute: '0', hour: String(reindexHourUtc) }),
          description: 'Nightly full reindex into a new index generation',
          input: { trigger: 'schedule' },
        },
      ],
    });
    new ScheduledJob(this, 'RefreshRelatedJob', {
      job: fns['refresh-related'],
      triggers: [
        {
          id: 'Nightly',
          schedule: Schedule.cron({ minute: '0', hour: String(relatedRefreshHourUtc) }),
          description: 'Recompute every related list after the nightly reindex',
          input: { mode: 'full' },
        },
        {
          id: 'Markers',
          schedule: Schedule.rate(Duration.minutes(markerRefreshMinutes)),
          description: 'Compute related lists of written articles and their neighbours',
          input: { mode: 'markers' },
        },
      ],
    });

    const monitoring = new Monitoring(this, 'Monitoring', {
      config,
      functions: fns,
      streamConsumer: fns['index-stream'],
      deadLetterQueues: {
        'index-dead-letters': indexer.deadLetterQueue,
        'stream-failures': indexer.failureQueue,
      },
      api: api.api,
      domain,
      searchLogs: fns.search.logGroup,
    });

    this.functions = fns;
    this.semanticLayer = semanticLayer;
    this.api = api;
    this.edge = edge;
    this.streamIndexer = indexer;
    this.monitoring = monitoring;

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'SiteUrl', {
      value: edge.url,
      description: 'CloudFront: cached public API and the site kit (widget scripts, demo)',
    });
    new CfnOutput(this, 'ReindexFunctionName', { value: fns.reindex.functionName });
    new CfnOutput(this, 'RefreshRelatedFunctionName', {
      value: fns['refresh-related'].functionName,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: indexer.deadLetterQueue.queueUrl });
  }
}
