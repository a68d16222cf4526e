import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, type IEventSourceDlq, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledgeCheckov } from '../nag.js';
import type { NodeFunction } from './node-function.js';

export interface StreamIndexerProps {
  config: StageConfig;
  /** The `index-stream` function. */
  indexer: NodeFunction;
  /** The article table whose stream is consumed. */
  table: ITable;
}

/**
 * Wires the article table's stream to the indexer so that one bad record can never stall a
 * shard: partial batch responses, bisecting failed batches, bounded retries and record age, and
 * two queues that are never expected to hold anything (each has an alarm):
 * - `deadLetterQueue`: records the indexer gave up on, sent by the function itself with the
 *   error (a replay tool re-reads those keys from the table);
 * - `failureQueue`: Lambda's on-failure destination, which receives only batch metadata
 *   (shard, sequence-number range) when retries or record age run out.
 */
export class StreamIndexer extends Construct {
  readonly deadLetterQueue: Queue;
  readonly failureQueue: Queue;
  /** The event source mapping, e.g. to make it wait for provisioning. */
  readonly mapping: EventSourceMapping;

  constructor(scope: Construct, id: string, props: StreamIndexerProps) {
    super(scope, id);
    const { streamIndexer: mapping } = props.config;
    const queue = (queueId: string) =>
      new Queue(this, queueId, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14), // the maximum: time to investigate and replay
      });
    this.deadLetterQueue = queue('DeadLetterQueue');
    this.failureQueue = queue('StreamFailureQueue');
    for (const q of [this.deadLetterQueue, this.failureQueue]) {
      acknowledgeCheckov(q, {
        CKV_AWS_27:
          'Encrypted at rest with SQS-managed keys (QueueEncryption.SQS_MANAGED, SqsManagedSseEnabled), which this checkov check does not recognise; TLS is enforced by the queue policy',
      });
      Validations.of(q).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter destination; it is alarmed, not redriven',
      });
    }

    props.indexer.bindDeadLetterQueue(this.deadLetterQueue);
    // The stream consumer's dynamodb:ListStreams supports no resource-level permission.
    Validations.of(props.indexer.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only dynamodb:ListStreams, which has no resource-level permissions (added by the stream event source); test/infra asserts no other action gets "*"',
    });
    props.indexer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: mapping.batchSize,
        maxBatchingWindow: Duration.seconds(mapping.maxBatchingWindowSeconds),
        reportBatchItemFailures: mapping.reportBatchItemFailures,
        bisectBatchOnError: mapping.bisectBatchOnError,
        retryAttempts: mapping.retryAttempts,
        maxRecordAge: Duration.seconds(mapping.maxRecordAgeSeconds),
        parallelizationFactor: mapping.parallelizationFactor,
        onFailure: sendOnlyDestination(this.failureQueue),
      }),
    );
    // DynamoEventSource adds the mapping as a child of the function without returning it.
    const created = props.indexer.node.children.find((c) => c instanceof EventSourceMapping);
    if (!created) throw new Error('the stream event source mapping was not created');
    this.mapping = created;
  }
}

/**
 * On-failure destination that grants only `sqs:SendMessage`, all Lambda needs to deliver the
 * failure record (CDK's SqsDlq also grants GetQueueUrl and GetQueueAttributes).
 */
function sendOnlyDestination(queue: IQueue): IEventSourceDlq {
  return {
    bind: (_mapping, handler) => {
      handler.addToRolePolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      );
      return { destination: queue.queueArn };
    },
  };
}
