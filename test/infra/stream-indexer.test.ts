import { describe, expect, it } from 'vitest';
import {
  type StreamMappingSettings,
  streamMappingSettings,
} from '../../shared/ingest/stream-mapping.js';
import { flatten } from './cfn-values.js';
import { type SynthesizedStage, synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {}, prod: { context: { parallelizationFactor: '4' } } });

const mappingOf = (stage: SynthesizedStage) => {
  const mappings = Object.values(
    stage.searchTemplate.findResources('AWS::Lambda::EventSourceMapping'),
  );
  expect(mappings).toHaveLength(1);
  return mappings[0]?.Properties;
};

describe('stream event source mapping', () => {
  it('feeds the article stream to the indexer from the oldest record', () => {
    const mapping = mappingOf(stages.dev);

    expect(mapping.FunctionName).toEqual({
      Ref: stages.dev.searchLogicalId(stages.dev.search.functions['index-stream']),
    });
    expect(flatten(mapping.EventSourceArn)).toMatch(/^<output:.*TablesArticles.*StreamArn/);
    expect(mapping.StartingPosition).toBe('TRIM_HORIZON');
  });

  it('reports partial batch failures and bisects failing batches', () => {
    expect(mappingOf(stages.dev)).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
    });
  });

  it('bounds retries and record age so a poison record cannot block a shard for a day', () => {
    expect(mappingOf(stages.dev)).toMatchObject({
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
    });
    expect(mappingOf(stages.prod)).toMatchObject({
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 6 * 3600,
    });
  });

  it('synthesizes exactly the settings the local stream poller runs with (stream-mapping.ts)', () => {
    const synthesized = (settings: StreamMappingSettings) => ({
      BatchSize: settings.batchSize,
      MaximumBatchingWindowInSeconds: settings.maxBatchingWindowSeconds,
      BisectBatchOnFunctionError: settings.bisectBatchOnError,
      MaximumRetryAttempts: settings.retryAttempts,
      MaximumRecordAgeInSeconds: settings.maxRecordAgeSeconds,
      ...(settings.reportBatchItemFailures && {
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
      ParallelizationFactor: settings.parallelizationFactor,
    });
    expect(mappingOf(stages.dev)).toMatchObject(synthesized(streamMappingSettings.dev));
    // prod with the parallelization factor its context overrides
    expect(mappingOf(stages.prod)).toMatchObject(
      synthesized({ ...streamMappingSettings.prod, parallelizationFactor: 4 }),
    );
  });

  it('takes the parallelization factor from context', () => {
    expect(mappingOf(stages.prod).ParallelizationFactor).toBe(4);
  });

  it('sends exhausted batches to the failure queue', () => {
    const failureQueue = stages.dev.searchLogicalId(stages.dev.search.streamIndexer.failureQueue);

    expect(mappingOf(stages.dev).DestinationConfig).toEqual({
      OnFailure: { Destination: { 'Fn::GetAtt': [failureQueue, 'Arn'] } },
    });
  });
});

describe('dead-letter queues', () => {
  it('are encrypted, TLS-only and keep messages 14 days', () => {
    const { deadLetterQueue, failureQueue } = stages.dev.search.streamIndexer;
    for (const queue of [deadLetterQueue, failureQueue]) {
      expect(stages.dev.searchResource(queue).Properties).toEqual({
        MessageRetentionPeriod: 14 * 24 * 3600,
        SqsManagedSseEnabled: true,
        Tags: expect.any(Array),
      });
    }
  });

  it('alarm as soon as either holds a message', () => {
    const { deadLetterQueue, failureQueue } = stages.dev.search.streamIndexer;
    for (const queue of [deadLetterQueue, failureQueue]) {
      stages.dev.searchTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [stages.dev.searchLogicalId(queue), 'QueueName'] },
          },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
      });
    }
  });
});
