import { describe, expect, it } from 'vitest';
import { type FunctionName, functionNames } from '../../infra/bundling.js';
import type { NodeFunction } from '../../infra/constructs/node-function.js';
import { flatten } from './cfn-values.js';
import { type SynthesizedStage, synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {}, prod: {} });
const withMaps = synthStagesForFile({ dev: { context: { sourceMaps: 'true' } } });

const fnOf = (stage: SynthesizedStage, name: FunctionName): NodeFunction =>
  stage.search.functions[name];

/** Memory (MB) and timeout (s) per function: API paths stay well under API Gateway's 30 s. */
const sizing: Record<FunctionName, [number, number]> = {
  articles: [512, 10],
  search: [1024, 10],
  suggest: [512, 5],
  related: [1024, 10],
  openapi: [256, 5],
  'index-stream': [1024, 60],
  reindex: [2048, 900],
  'refresh-related': [1024, 900],
  provision: [512, 300],
};

describe.each(functionNames)('function %s', (name) => {
  it('runs Node.js 24 on arm64 from an esbuild bundle, with JSON logs and no X-Ray tracing', () => {
    const props = stages.dev.searchResource(fnOf(stages.dev, name)).Properties;

    expect(props).toMatchObject({
      FunctionName: `type1cure-search-dev-${name}`,
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' },
    });
    expect(
      stages.dev.searchResource(fnOf(stages.dev, name)).Properties.TracingConfig,
    ).toBeUndefined();
    expect(
      stages.prod.searchResource(fnOf(stages.prod, name)).Properties.LoggingConfig
        .ApplicationLogLevel,
    ).toBe('INFO');
  });

  it('has its own memory size and timeout', () => {
    const [memory, timeout] = sizing[name];

    expect(stages.dev.searchResource(fnOf(stages.dev, name)).Properties).toMatchObject({
      MemorySize: memory,
      Timeout: timeout,
    });
  });

  it('logs into its own log group, kept 14 days in dev and 90 in prod', () => {
    for (const [stage, days] of [
      [stages.dev, 14],
      [stages.prod, 90],
    ] as const) {
      const fn = stage.searchResource(fnOf(stage, name));
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
      const logGroup = stage.searchTemplate.toJSON().Resources[logGroupId];

      expect(logGroup.Properties).toMatchObject({
        LogGroupName: `/aws/lambda/type1cure-search-${stage.config.stage}-${name}`,
        RetentionInDays: days,
      });
    }
  });

  it('runs as its own prefixed role that only Lambda can assume and that has no managed policies', () => {
    const role = stages.dev.searchResource(fnOf(stages.dev, name).executionRole);

    expect(role.Properties.RoleName).toBe(`type1cure-search-dev-${name}`);
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('gets the runtime settings loadConfig validates, plus Powertools', () => {
    const env = stages.dev.searchResource(fnOf(stages.dev, name)).Properties.Environment.Variables;

    expect(env).toMatchObject({
      OPENSEARCH_AUTH: 'aws',
      INDEX_ALIAS: 'articles',
      ADMIN_AUTH: 'iam',
      POWERTOOLS_SERVICE_NAME: name,
      POWERTOOLS_METRICS_NAMESPACE: 'Type1Cure/dev',
      LOG_LEVEL: 'DEBUG',
    });
    expect(env.NODE_OPTIONS).toBeUndefined(); // no map shipped, nothing to enable
    expect(flatten(env.OPENSEARCH_URL)).toMatch(
      /^https:\/\/<output:.*SearchDomain.*DomainEndpoint/,
    );
    expect(flatten(env.ARTICLES_TABLE)).toMatch(/^<output:.*TablesArticles/);
    expect(flatten(env.RELATED_TABLE)).toMatch(/^<output:.*TablesRelated/);
  });
});

describe('source maps, when asked for with -c sourceMaps=true', () => {
  it.each(functionNames)('%s runs with --enable-source-maps', (name) => {
    const env = withMaps.dev.searchResource(fnOf(withMaps.dev, name)).Properties.Environment
      .Variables;

    expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
  });
});

describe('function-specific settings', () => {
  it('caps the public functions with reserved concurrency, leaving the indexer and jobs the rest', () => {
    const reserved = (stage: SynthesizedStage) =>
      Object.fromEntries(
        functionNames.map((name) => [
          name,
          stage.searchResource(fnOf(stage, name)).Properties.ReservedConcurrentExecutions,
        ]),
      );
    const uncapped = {
      articles: undefined,
      'index-stream': undefined,
      reindex: undefined,
      'refresh-related': undefined,
      provision: undefined,
    };

    expect(reserved(stages.dev)).toEqual({
      search: 10,
      suggest: 10,
      related: 5,
      openapi: 2,
      ...uncapped,
    });
    expect(reserved(stages.prod)).toEqual({
      search: 100,
      suggest: 100,
      related: 50,
      openapi: 5,
      ...uncapped,
    });
  });

  const envOf = (name: FunctionName) =>
    stages.dev.searchResource(fnOf(stages.dev, name)).Properties.Environment.Variables as Record<
      string,
      unknown
    >;

  it('gives the stream indexer the URL of its dead-letter queue', () => {
    const queue = stages.dev.searchLogicalId(stages.dev.search.streamIndexer.deadLetterQueue);

    expect(envOf('index-stream').DEAD_LETTER_QUEUE_URL).toEqual({ Ref: queue });
    expect(
      functionNames.filter((name) => name !== 'index-stream' && envOf(name).DEAD_LETTER_QUEUE_URL),
    ).toEqual([]);
  });

  it('gives only the reindex job the domain name for its control-plane check', () => {
    expect(envOf('reindex').OPENSEARCH_DOMAIN_NAME).toBe('type1cure-search-dev');
    expect(
      functionNames.filter((name) => name !== 'reindex' && envOf(name).OPENSEARCH_DOMAIN_NAME),
    ).toEqual([]);
  });
});
