import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionNames } from '../../infra/bundling.js';
import { flatten } from './cfn-values.js';
import { type SynthesizedStage, synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({
  dev: { context: { alarmEmail: 'ops@example.org' } },
  prod: {},
  prodLarge: { stage: 'prod', context: { profile: 'large' } },
});

interface AlarmSummary {
  metric: string;
  statistic: string | undefined;
  threshold: number;
  comparison: string;
  periods: number;
}

/** Alarm name (without the stage prefix) → what it watches. */
function alarmsOf(stage: SynthesizedStage): Record<string, AlarmSummary> {
  const alarms = Object.values(stage.searchTemplate.findResources('AWS::CloudWatch::Alarm'));
  return Object.fromEntries(
    alarms.map(({ Properties: p }) => [
      String(p.AlarmName).replace(/^type1cure-search-(dev|prod)-/, ''),
      {
        metric: `${p.Namespace}/${p.MetricName}`,
        statistic: p.Statistic ?? p.ExtendedStatistic,
        threshold: p.Threshold,
        comparison: p.ComparisonOperator,
        periods: p.EvaluationPeriods,
      },
    ]),
  );
}

const atLeast = 'GreaterThanOrEqualToThreshold';
const above = 'GreaterThanThreshold';

describe('alarms', () => {
  it('watch every function for errors and throttles', () => {
    const alarms = alarmsOf(stages.dev);
    for (const name of functionNames) {
      expect(alarms[`${name}-errors`]).toEqual({
        metric: 'AWS/Lambda/Errors',
        statistic: 'Sum',
        threshold: 1,
        comparison: atLeast,
        periods: 1,
      });
      expect(alarms[`${name}-throttles`]).toMatchObject({ metric: 'AWS/Lambda/Throttles' });
    }
  });

  it('watch indexing lag, dead letters, the API and the OpenSearch cluster', () => {
    expect(alarmsOf(stages.dev)).toMatchObject({
      'stream-iterator-age': {
        metric: 'AWS/Lambda/IteratorAge',
        statistic: 'Maximum',
        threshold: 300_000,
        comparison: above,
        periods: 5,
      },
      'index-dead-letters-depth': { metric: 'AWS/SQS/ApproximateNumberOfMessagesVisible' },
      'stream-failures-depth': { metric: 'AWS/SQS/ApproximateNumberOfMessagesVisible' },
      'api-5xx': { metric: 'AWS/ApiGateway/5xx', statistic: 'Sum', threshold: 5 },
      'api-p99-latency': {
        metric: 'AWS/ApiGateway/Latency',
        statistic: 'p99',
        threshold: 2000,
        comparison: above,
      },
      'opensearch-red': { metric: 'AWS/ES/ClusterStatus.red', statistic: 'Maximum', threshold: 1 },
      'opensearch-yellow': { metric: 'AWS/ES/ClusterStatus.yellow', periods: 10 },
      'opensearch-free-storage': {
        metric: 'AWS/ES/FreeStorageSpace',
        statistic: 'Minimum',
        threshold: 2560, // 25% of the 10 GiB dev volume, in MiB
        comparison: 'LessThanOrEqualToThreshold',
      },
      'opensearch-jvm-pressure': {
        metric: 'AWS/ES/JVMMemoryPressure',
        statistic: 'Maximum',
        threshold: 80,
        periods: 3,
      },
      'opensearch-writes-blocked': { metric: 'AWS/ES/ClusterIndexWritesBlocked', threshold: 1 },
      'opensearch-search-latency': {
        metric: 'AWS/ES/SearchLatency',
        statistic: 'p99',
        threshold: 500,
        comparison: above,
      },
    });
  });

  it('watch CPU, node count and automated snapshots of the cluster', () => {
    const expected = (nodes: number) => ({
      'opensearch-cpu': {
        metric: 'AWS/ES/CPUUtilization',
        statistic: 'Maximum',
        threshold: 80,
        comparison: atLeast,
        periods: 3,
      },
      'opensearch-nodes': {
        metric: 'AWS/ES/Nodes',
        statistic: 'Minimum',
        threshold: nodes,
        comparison: 'LessThanThreshold',
        periods: 3,
      },
      'opensearch-snapshot-failed': {
        metric: 'AWS/ES/AutomatedSnapshotFailure',
        statistic: 'Maximum',
        threshold: 1,
        comparison: atLeast,
        periods: 1,
      },
    });

    expect(alarmsOf(stages.dev)).toMatchObject(expected(1));
    expect(alarmsOf(stages.prod)).toMatchObject(expected(2));
    expect(alarmsOf(stages.prodLarge)).toMatchObject(expected(6)); // 3 data + 3 masters
  });

  it('watch the dedicated masters only where there are some', () => {
    const masterAlarms = (stage: SynthesizedStage) =>
      Object.keys(alarmsOf(stage)).filter((name) => name.includes('master'));

    expect(masterAlarms(stages.dev)).toEqual([]);
    expect(masterAlarms(stages.prod)).toEqual([]);
    expect(alarmsOf(stages.prodLarge)).toMatchObject({
      'opensearch-master-cpu': { metric: 'AWS/ES/MasterCPUUtilization', threshold: 50, periods: 3 },
      'opensearch-master-jvm-pressure': {
        metric: 'AWS/ES/MasterJVMMemoryPressure',
        threshold: 95,
        periods: 3,
      },
      'opensearch-master-unreachable': {
        metric: 'AWS/ES/MasterReachableFromNode',
        statistic: 'Minimum',
        threshold: 1,
        comparison: 'LessThanThreshold',
      },
    });
  });

  it('watch the reindex verification metric the reindex job emits', () => {
    expect(alarmsOf(stages.dev)['reindex-verification-failed']).toEqual({
      metric: 'Type1Cure/dev/reindex.failed',
      statistic: 'Sum',
      threshold: 1,
      comparison: atLeast,
      periods: 1,
    });
    stages.dev.searchTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'type1cure-search-dev-reindex-verification-failed',
      Dimensions: [{ Name: 'service', Value: 'reindex' }],
      Period: 3600,
    });
  });

  it('look at the right domain and API', () => {
    stages.dev.searchTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'type1cure-search-dev-opensearch-red',
      Dimensions: Match.arrayWith([
        { Name: 'ClientId', Value: { Ref: 'AWS::AccountId' } },
        { Name: 'DomainName', Value: Match.objectLike({ 'Fn::GetStackOutput': Match.anyValue() }) },
      ]),
    });
    stages.dev.searchTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'type1cure-search-dev-api-5xx',
      Dimensions: [
        { Name: 'ApiId', Value: { Ref: stages.dev.searchLogicalId(stages.dev.search.api.api) } },
      ],
    });
  });

  it('notify an SNS topic (with the configured e-mail) on alarm and on recovery', () => {
    const topic = stages.dev.searchLogicalId(stages.dev.search.monitoring.alarmTopic);
    for (const alarm of Object.values(
      stages.dev.searchTemplate.findResources('AWS::CloudWatch::Alarm'),
    )) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
    stages.dev.searchTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: topic },
    });
    const [topicPolicy] = Object.values(
      stages.dev.searchTemplate.findResources('AWS::SNS::TopicPolicy'),
    );
    const statements = topicPolicy?.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const [publish] = statements.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(publish).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: topic },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(flatten(publish.Condition.ArnLike['aws:SourceArn'])).toBe(
      'arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:*',
    );
  });
});

describe('dashboard', () => {
  it('shows alarm status, API, functions, indexing and cluster health', () => {
    const dashboard = Object.values(
      stages.dev.searchTemplate.findResources('AWS::CloudWatch::Dashboard'),
    )[0];
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);

    expect(dashboard?.Properties.DashboardName).toBe('type1cure-search-dev');
    for (const title of [
      'Alarms',
      'API latency',
      'Function errors',
      'Stream iterator age (ms)',
      'Dead-letter depth',
      'Cluster status',
      'JVM memory pressure (%)',
      'OpenSearch latency p99 (ms)',
      'CPU (%, busiest node)',
      'Nodes',
      'Searches that found little (per hour)',
    ]) {
      expect(body).toContain(`\\"title\\":\\"${title}\\"`);
    }
    expect(body).toContain('ZeroResultSearches');
    expect(body).toContain('LowResultSearches');
  });
});

describe('saved Logs Insights queries', () => {
  it('find top queries, zero-result queries and slow searches in the search function logs', () => {
    const queries = Object.values(
      stages.dev.searchTemplate.findResources('AWS::Logs::QueryDefinition'),
    ).map((q) => q.Properties);
    const searchLogs = stages.dev.searchResource(stages.dev.search.functions.search).Properties
      .LoggingConfig.LogGroup;

    expect(Object.fromEntries(queries.map((q) => [q.Name, q.QueryString]))).toEqual({
      'type1cure-search-dev/top-queries': expect.stringMatching(
        /filter event = "search.query"[\s\S]*stats count\(\*\) as searches by q[\s\S]*sort searches desc/,
      ),
      'type1cure-search-dev/zero-result-queries': expect.stringMatching(
        /filter event = "search.findability" and outcome = "zero"[\s\S]*by q/,
      ),
      'type1cure-search-dev/slow-searches': expect.stringMatching(
        /filter event = "search.query"[\s\S]*sort durationMs desc/,
      ),
    });
    for (const query of queries) expect(query.LogGroupNames).toEqual([searchLogs]);
  });
});
