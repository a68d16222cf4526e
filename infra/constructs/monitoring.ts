import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ILogGroup, QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledgeCheckov } from '../nag.js';
import { pascalCase } from '../pascal-case.js';
import type { NodeFunction } from './node-function.js';

export interface MonitoringProps {
  config: StageConfig;
  /** Every function, by the short name used in alarm names. */
  functions: Record<string, NodeFunction>;
  /** The stream consumer, whose iterator age shows how far indexing lags behind writes. */
  streamConsumer: NodeFunction;
  /** Queues that should always be empty. */
  deadLetterQueues: Record<string, IQueue>;
  api: HttpApi;
  domain: IDomain;
  /** The search function's log group, which the saved Logs Insights queries read. */
  searchLogs: ILogGroup;
}

interface AlarmSpec {
  name: string;
  description: string;
  metric: IMetric;
  threshold: number;
  comparison?: ComparisonOperator;
  /** Consecutive periods that must breach; 1 unless a short blip is normal. */
  periods?: number;
}

const fiveMinutes = Duration.minutes(5);
const oneMinute = Duration.minutes(1);

/**
 * Alarms (to an SNS topic), one dashboard and saved Logs Insights queries: function errors and
 * throttles, stream iterator age, dead-letter depth, API 5xx and p99 latency, OpenSearch cluster
 * health, storage, JVM memory pressure, blocked writes, search latency, CPU, node count,
 * automated snapshots, master nodes (where there are dedicated ones) and reindex verification.
 */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config, domain, api } = props;
    this.namePrefix = config.resourcePrefix;
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `${config.resourcePrefix} alarms`,
      enforceSSL: true,
    });
    acknowledgeCheckov(this.alarmTopic, {
      CKV_AWS_26:
        'Alarm notifications carry alarm names and states only; a KMS-encrypted topic would also need a key policy for CloudWatch to publish. TLS is enforced by the topic policy',
    });
    // The TLS-only topic policy replaces SNS's default one, so CloudWatch needs its own grant,
    // limited to this account's alarms.
    const stack = Stack.of(this);
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (config.alarmEmail)
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm({
        name: `${name}-errors`,
        description: `${name} function invocations failed`,
        metric: fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 1,
      });
      this.alarm({
        name: `${name}-throttles`,
        description: `${name} function invocations were throttled`,
        metric: fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 1,
      });
    }
    const iteratorAge = props.streamConsumer.metric('IteratorAge', {
      period: oneMinute,
      statistic: 'Maximum',
    });
    this.alarm({
      name: 'stream-iterator-age',
      description: 'Indexing lags more than 5 minutes behind article writes',
      metric: iteratorAge,
      threshold: Duration.minutes(5).toMilliseconds(),
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      periods: 5,
    });
    const queueDepths = Object.entries(props.deadLetterQueues).map(([name, queue]) => {
      const depth = queue.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: 'Maximum',
      });
      this.alarm({
        name: `${name}-depth`,
        description: `${name} holds messages: indexing gave up on some records`,
        metric: depth,
        threshold: 1,
      });
      // A label turns an alarm's metric into metric math, so labels go on the graphs only.
      return depth.with({ label: name });
    });

    const api5xx = api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const apiP99 = api.metricLatency({ period: fiveMinutes, statistic: 'p99' });
    this.alarm({
      name: 'api-5xx',
      description: 'The HTTP API returned 5xx responses',
      metric: api5xx,
      threshold: 5,
    });
    this.alarm({
      name: 'api-p99-latency',
      description: `API p99 latency above ${config.api.p99LatencyAlarmMs} ms`,
      metric: apiP99,
      threshold: config.api.p99LatencyAlarmMs,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      periods: 3,
    });

    const clusterRed = domain.metricClusterStatusRed({ period: oneMinute });
    const clusterYellow = domain.metricClusterStatusYellow({ period: oneMinute });
    const freeStorage = domain.metricFreeStorageSpace({ period: fiveMinutes });
    const jvmPressure = domain.metricJVMMemoryPressure({ period: fiveMinutes });
    const searchLatency = domain.metricSearchLatency({ period: fiveMinutes });
    const indexingLatency = domain.metricIndexingLatency({ period: fiveMinutes });
    const writesBlocked = domain.metricClusterIndexWritesBlocked({ period: fiveMinutes });
    this.alarm({
      name: 'opensearch-red',
      description: 'At least one primary shard is unassigned',
      metric: clusterRed,
      threshold: 1,
    });
    this.alarm({
      name: 'opensearch-yellow',
      description:
        'Replica shards unassigned for 10 minutes (short spells during index builds are normal)',
      metric: clusterYellow,
      threshold: 1,
      periods: 10,
    });
    this.alarm({
      name: 'opensearch-free-storage',
      description: 'A data node has less than 25% of its volume free',
      // FreeStorageSpace is in MiB; the Minimum statistic reports the fullest node.
      metric: freeStorage,
      threshold: config.domain.volumeSizeGiB * 1024 * 0.25,
      comparison: ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.alarm({
      name: 'opensearch-jvm-pressure',
      description: 'JVM memory pressure at or above 80% for 15 minutes',
      metric: jvmPressure,
      threshold: 80,
      periods: 3,
    });
    this.alarm({
      name: 'opensearch-writes-blocked',
      description: 'The cluster blocks index writes',
      metric: writesBlocked,
      threshold: 1,
    });
    this.alarm({
      name: 'opensearch-search-latency',
      description: `OpenSearch p99 search latency above ${config.searchLatencyAlarmMs} ms`,
      metric: searchLatency,
      threshold: config.searchLatencyAlarmMs,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      periods: 3,
    });

    const cpu = domain.metricCPUUtilization({ period: fiveMinutes });
    this.alarm({
      name: 'opensearch-cpu',
      description: 'A data node ran at 80% CPU or more for 15 minutes',
      metric: cpu,
      threshold: 80,
      periods: 3,
    });
    const nodes = config.domain.dataNodes + config.domain.masterNodes;
    const nodeCount = domain.metricNodes({ period: fiveMinutes, statistic: 'Minimum' });
    this.alarm({
      name: 'opensearch-nodes',
      description: `The domain has had fewer than its ${nodes} nodes for 15 minutes`,
      metric: nodeCount,
      threshold: nodes,
      comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
      periods: 3,
    });
    this.alarm({
      name: 'opensearch-snapshot-failed',
      description: 'The automated (hourly) snapshot of the domain failed',
      metric: domain.metricAutomatedSnapshotFailure({ period: oneMinute }),
      threshold: 1,
    });
    // Master metrics exist only with dedicated masters (the large profile); thresholds as AWS
    // recommends for OpenSearch Service.
    if (config.domain.masterNodes > 0) {
      this.alarm({
        name: 'opensearch-master-cpu',
        description: 'The elected master ran at 50% CPU or more for 45 minutes',
        metric: domain.metricMasterCPUUtilization({ period: Duration.minutes(15) }),
        threshold: 50,
        periods: 3,
      });
      this.alarm({
        name: 'opensearch-master-jvm-pressure',
        description: 'The elected master ran at 95% JVM memory pressure for 3 minutes',
        metric: domain.metricMasterJVMMemoryPressure({ period: oneMinute }),
        threshold: 95,
        periods: 3,
      });
      this.alarm({
        name: 'opensearch-master-unreachable',
        description: 'A node could not reach the elected master for 15 minutes',
        metric: new Metric({
          namespace: 'AWS/ES',
          metricName: 'MasterReachableFromNode',
          dimensionsMap: { DomainName: config.domainName, ClientId: Stack.of(this).account },
          statistic: 'Minimum',
          period: fiveMinutes,
        }),
        threshold: 1,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        periods: 3,
      });
    }

    // Emitted by the functions through Powertools (shared/jobs/reindex-job.ts and
    // shared/search/findability.ts), with the function as `service` dimension.
    const appMetric = (service: string, metricName: string, period: Duration) =>
      new Metric({
        namespace: `Type1Cure/${config.stage}`,
        metricName,
        dimensionsMap: { service },
        statistic: 'Sum',
        period,
      });
    this.alarm({
      name: 'reindex-verification-failed',
      description:
        'A full reindex failed verification against the table: the build was discarded and readers still see the previous generation',
      metric: appMetric('reindex', 'reindex.failed', Duration.hours(1)),
      threshold: 1,
    });
    const zeroResults = appMetric('search', 'ZeroResultSearches', Duration.hours(1));
    const lowResults = appMetric('search', 'LowResultSearches', Duration.hours(1));
    this.savedQueries(config, props.searchLogs);

    const perFunction = (pick: (fn: NodeFunction) => Metric) =>
      Object.entries(props.functions).map(([name, fn]) => pick(fn).with({ label: name }));
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: config.resourcePrefix,
      defaultInterval: Duration.hours(6),
      widgets: [
        [new TextWidget({ markdown: `# ${config.resourcePrefix}`, width: 24, height: 1 })],
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 })],
        [
          graph('API requests', [api.metricCount({ period: fiveMinutes, statistic: 'Sum' })]),
          graph('API errors', [
            api5xx,
            api.metricClientError({ period: fiveMinutes, statistic: 'Sum' }),
          ]),
          graph('API latency', [
            api.metricLatency({ period: fiveMinutes, statistic: 'p50', label: 'p50' }),
            apiP99.with({ label: 'p99' }),
          ]),
        ],
        [
          graph(
            'Function errors',
            perFunction((fn) => fn.metricErrors({ period: fiveMinutes })),
          ),
          graph(
            'Function throttles',
            perFunction((fn) => fn.metricThrottles({ period: fiveMinutes })),
          ),
          graph(
            'Function duration p99',
            perFunction((fn) => fn.metricDuration({ period: fiveMinutes, statistic: 'p99' })),
          ),
        ],
        [
          graph('Stream iterator age (ms)', [iteratorAge]),
          graph('Dead-letter depth', queueDepths),
          graph('Cluster status', [clusterRed, clusterYellow]),
        ],
        [
          graph('Free storage (MiB, fullest node)', [freeStorage]),
          graph('JVM memory pressure (%)', [jvmPressure]),
          graph('OpenSearch latency p99 (ms)', [searchLatency, indexingLatency]),
        ],
        [
          graph('CPU (%, busiest node)', [cpu]),
          graph('Nodes', [nodeCount]),
          graph('Searches that found little (per hour)', [
            zeroResults.with({ label: 'zero results' }),
            lowResults.with({ label: 'low results' }),
          ]),
        ],
      ],
    });
  }

  /**
   * Saved CloudWatch Logs Insights queries over the search function's structured log lines
   * (`search.query` for every search, `search.findability` for those that found little).
   */
  private savedQueries(config: StageConfig, searchLogs: ILogGroup): void {
    const queries: Record<string, QueryString> = {
      'top-queries': new QueryString({
        filterStatements: ['event = "search.query" and page = 1'],
        statsStatements: ['count(*) as searches by q'],
        sort: 'searches desc',
        limit: 100,
      }),
      'zero-result-queries': new QueryString({
        filterStatements: ['event = "search.findability" and outcome = "zero"'],
        statsStatements: ['count(*) as searches by q'],
        sort: 'searches desc',
        limit: 100,
      }),
      'slow-searches': new QueryString({
        fields: ['@timestamp', 'q', 'page', 'total', 'durationMs', 'correlation_id'],
        filterStatements: ['event = "search.query"'],
        sort: 'durationMs desc',
        limit: 100,
      }),
    };
    for (const [name, queryString] of Object.entries(queries)) {
      new QueryDefinition(this, `Query${pascalCase(name)}`, {
        queryDefinitionName: `${config.resourcePrefix}/${name}`,
        queryString,
        logGroups: [searchLogs],
      });
    }
  }

  private alarm(spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, spec.name, {
      alarmName: `${this.namePrefix}-${spec.name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.periods ?? 1,
      // No data means no traffic or no failures, not a problem.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    alarm.addOkAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
    return alarm;
  }
}

const graph = (title: string, metrics: IMetric[]) =>
  new GraphWidget({ title, left: metrics, width: 8, height: 6 });
