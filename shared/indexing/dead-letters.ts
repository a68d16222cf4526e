import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';

/** A stream record the index can never accept, kept whole with the reason for a later replay. */
export interface DeadLetter {
  id: string | undefined;
  sequenceNumber: string;
  error: string;
  record: DynamoDBRecord;
}

export interface DeadLetterSink {
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/** SQS accepts at most 10 messages per SendMessageBatch. */
const sqsBatch = 10;

/**
 * Sends dead letters to SQS. Lambda's own on-failure destination receives only batch metadata,
 * so the indexer sends the full record itself. Throws if any message was not accepted, so the
 * caller retries instead of losing it.
 */
export function sqsDeadLetters(sqs: SQSClient, queueUrl: string): DeadLetterSink {
  return {
    async send(letters) {
      for (let i = 0; i < letters.length; i += sqsBatch) {
        const chunk = letters.slice(i, i + sqsBatch);
        const out = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((letter, n) => ({
              Id: String(n),
              MessageBody: JSON.stringify(letter),
              MessageAttributes: {
                articleId: { DataType: 'String', StringValue: letter.id ?? '(unknown)' },
              },
            })),
          }),
        );
        if (out.Failed && out.Failed.length > 0) {
          throw new Error(
            `dead-letter queue refused ${out.Failed.length} message(s): ${out.Failed[0]?.Message}`,
          );
        }
      }
    },
  };
}
