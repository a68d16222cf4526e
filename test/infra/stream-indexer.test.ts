import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatten } from './cfn-values.js';
import { type SynthesizedStage, synthStage } from './synth-stage.js';

let dev: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod', { context: { parallelizationFactor: '4' } });
});
afterAll(() => {
  dev?.dispose();
  prod?.dispose();
});

const mappingOf = (stage: SynthesizedStage) => {
  const mappings = Object.values(
    stage.searchTemplate.findResources('AWS::Lambda::EventSourceMapping'),
  );
  expect(mappings).toHaveLength(1);
  return mappings[0]?.Properties;
};

describe('stream event source mapping', () => {
  it('feeds the article stream to the indexer from the oldest record', () => {
    const mapping = mappingOf(dev);

    expect(mapping.FunctionName).toEqual({
      Ref: dev.searchLogicalId(dev.search.functions['index-stream']),
    });
    expect(flatten(mapping.EventSourceArn)).toMatch(/^<output:.*TablesArticles.*StreamArn/);
    expect(mapping.StartingPosition).toBe('TRIM_HORIZON');
  });

  it('reports partial batch failures and bisects failing batches', () => {
    expect(mappingOf(dev)).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
    });
  });

  it('bounds retries and record age so a poison record cannot block a shard for a day', () => {
    expect(mappingOf(dev)).toMatchObject({
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      ParallelizationFactor: 1,
    });
    expect(mappingOf(prod)).toMatchObject({
      BatchSize: 200,
      MaximumBatchingWindowInSeconds: 2,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 6 * 3600,
    });
  });

  it('takes the parallelization factor from context', () => {
    expect(mappingOf(prod).ParallelizationFactor).toBe(4);
  });

  it('sends exhausted batches to the failure queue', () => {
    const failureQueue = dev.searchLogicalId(dev.search.streamIndexer.failureQueue);

    expect(mappingOf(dev).DestinationConfig).toEqual({
      OnFailure: { Destination: { 'Fn::GetAtt': [failureQueue, 'Arn'] } },
    });
  });
});

describe('dead-letter queues', () => {
  it('are encrypted, TLS-only and keep messages 14 days', () => {
    const { deadLetterQueue, failureQueue } = dev.search.streamIndexer;
    for (const queue of [deadLetterQueue, failureQueue]) {
      expect(dev.searchResource(queue).Properties).toEqual({
        MessageRetentionPeriod: 14 * 24 * 3600,
        SqsManagedSseEnabled: true,
        Tags: expect.any(Array),
      });
    }
  });

  it('alarm as soon as either holds a message', () => {
    const { deadLetterQueue, failureQueue } = dev.search.streamIndexer;
    for (const queue of [deadLetterQueue, failureQueue]) {
      dev.searchTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [dev.searchLogicalId(queue), 'QueueName'] } },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
      });
    }
  });
});
