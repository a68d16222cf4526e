import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { chunkBySize } from './chunk-by-size.js';

/** A stream record the index can never accept, kept whole with the reason for a later replay. */
export interface DeadLetter {
  id: string | undefined;
  sequenceNumber: string;
  error: string;
  record: DynamoDBRecord;
  /**
   * Set when the record's images were left out to fit SQS's message size limit; the keys and
   * sequence number remain, and a replay re-reads the item from the table by key anyway.
   */
  imagesOmitted?: true;
}

export interface DeadLetterSink {
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/** SQS accepts at most 10 messages and 256 KiB (every message together) per SendMessageBatch. */
const sqsBatch = 10;
const sqsBatchBytes = 256 * 1024;
/** Room for the message attributes and entry ids next to the bodies. */
const attributeAllowance = 1_024;

/**
 * Sends dead letters to SQS. Lambda's own on-failure destination receives only batch metadata,
 * so the indexer sends the full record itself (its images dropped if it would not fit). Throws if
 * any message was not accepted, so the caller retries instead of losing it.
 */
export function sqsDeadLetters(sqs: SQSClient, queueUrl: string): DeadLetterSink {
  return {
    async send(letters) {
      const messages = letters.map(toMessage);
      const limits = { maxBytes: sqsBatchBytes, maxCount: sqsBatch };
      for (const chunk of chunkBySize(messages, (m) => m.bytes, limits)) {
        const out = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((message, n) => ({
              Id: String(n),
              MessageBody: message.body,
              MessageAttributes: {
                articleId: { DataType: 'String', StringValue: message.id ?? '(unknown)' },
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

interface Message {
  id: string | undefined;
  body: string;
  bytes: number;
}

function toMessage(letter: DeadLetter): Message {
  let body = JSON.stringify(letter);
  if (Buffer.byteLength(body) + attributeAllowance > sqsBatchBytes) {
    const { NewImage: _new, OldImage: _old, ...change } = letter.record.dynamodb ?? {};
    const slim: DeadLetter = {
      ...letter,
      record: { ...letter.record, dynamodb: change },
      imagesOmitted: true,
    };
    body = JSON.stringify(slim);
  }
  return { id: letter.id, body, bytes: Buffer.byteLength(body) + attributeAllowance };
}
