import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import type { Construct } from 'constructs';
import { ConfigKeys } from '../../shared/config-keys.js';
import type { FunctionName } from '../bundling.js';
import type { StageConfig } from '../config.js';
import { Monitoring } from '../constructs/monitoring.js';
import {
  type DomainRef,
  NodeFunction,
  type RuntimeEnvironment,
} from '../constructs/node-function.js';
import { ScheduledJob } from '../constructs/scheduled-job.js';
import { SearchApi } from '../constructs/search-api.js';
import { SearchDomain } from '../constructs/search-domain.js';
import { StreamIndexer } from '../constructs/stream-indexer.js';

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
  readonly api: SearchApi;
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
    const fn = (
      id: string,
      name: FunctionName,
      description: string,
      memorySize: number,
      timeout: Duration,
    ) =>
      new NodeFunction(this, id, { name, config, description, memorySize, timeout, environment });
    const read = ['ESHttpGet', 'ESHttpPost'] as const;
    const domainRef: DomainRef = {
      name: config.domainName,
      arn: SearchDomain.arnFor(this, config.domainName),
    };

    // Who may do what: one line per grant.
    const articles = fn(
      'ArticlesFunction',
      'articles',
      'Admin article CRUD',
      512,
      Duration.seconds(10),
    ).grantTable(articlesTable, ['GetItem', 'PutItem']);
    const search = fn(
      'SearchFunction',
      'search',
      'GET /search',
      1024,
      Duration.seconds(10),
    ).grantDomainHttp(domainRef, [...read]);
    const suggest = fn(
      'SuggestFunction',
      'suggest',
      'GET /suggest',
      512,
      Duration.seconds(5),
    ).grantDomainHttp(domainRef, [...read]);
    const related = fn(
      'RelatedFunction',
      'related',
      'GET /articles/{id}/related',
      1024,
      Duration.seconds(10),
    )
      .grantTable(relatedTable, ['GetItem', 'PutItem'])
      .grantTable(articlesTable, ['GetItem'])
      .grantDomainHttp(domainRef, [...read]);
    const openapi = fn('OpenApiFunction', 'openapi', 'GET /openapi.json', 256, Duration.seconds(5));
    const indexStream = fn(
      'IndexStreamFunction',
      'index-stream',
      'Article stream to OpenSearch',
      1024,
      Duration.minutes(1),
    )
      .grantDomainHttp(domainRef, ['ESHttpGet', 'ESHttpPost', 'ESHttpPut'])
      .grantTable(relatedTable, ['GetItem', 'PutItem']);
    const reindex = fn(
      'ReindexFunction',
      'reindex',
      'Nightly zero-downtime full reindex',
      2048,
      Duration.minutes(15),
    )
      .grantTable(articlesTable, ['Scan'])
      .grantDomainHttp(domainRef, [
        'ESHttpGet',
        'ESHttpHead',
        'ESHttpPost',
        'ESHttpPut',
        'ESHttpDelete',
      ])
      .bindDomainControlPlane(domainRef);
    const refreshRelated = fn(
      'RefreshRelatedFunction',
      'refresh-related',
      'Refresh precomputed related lists',
      1024,
      Duration.minutes(15),
    )
      .grantTable(relatedTable, ['Scan', 'Query', 'PutItem', 'DeleteItem'])
      .grantTable(articlesTable, ['Scan', 'GetItem'])
      .grantDomainHttp(domainRef, [...read]);

    const api = new SearchApi(this, 'Api', {
      config,
      search,
      suggest,
      related,
      openapi,
      articles,
    });
    const indexer = new StreamIndexer(this, 'StreamIndexer', {
      config,
      indexer: indexStream,
      table: articlesTable,
    });
    const { reindexHourUtc, relatedRefreshHourUtc, markerRefreshMinutes } = config.schedules;
    new ScheduledJob(this, 'ReindexJob', {
      job: reindex,
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
      job: refreshRelated,
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
          description: 'Recompute related lists of neighbours of newly written articles',
          input: { mode: 'markers' },
        },
      ],
    });

    const functions: Record<FunctionName, NodeFunction> = {
      articles,
      search,
      suggest,
      related,
      openapi,
      'index-stream': indexStream,
      reindex,
      'refresh-related': refreshRelated,
    };
    const monitoring = new Monitoring(this, 'Monitoring', {
      config,
      functions,
      streamConsumer: indexStream,
      deadLetterQueues: {
        'index-dead-letters': indexer.deadLetterQueue,
        'stream-failures': indexer.failureQueue,
      },
      api: api.api,
      domain,
    });

    this.functions = functions;
    this.api = api;
    this.streamIndexer = indexer;
    this.monitoring = monitoring;

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'ReindexFunctionName', { value: reindex.functionName });
    new CfnOutput(this, 'RefreshRelatedFunctionName', { value: refreshRelated.functionName });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: indexer.deadLetterQueue.queueUrl });
  }
}
