import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * Creates, if missing, the local twins of what infra/ deploys: the articles table with a
 * NEW_AND_OLD_IMAGES stream, the related-lists table, and the indexer's dead-letter queue.
 * Returns the stream ARN and queue URL.
 */
export async function ensureLocalResources(
  dynamodb: DynamoDBClient,
  sqs: SQSClient,
  names: { articlesTable: string; relatedTable: string; deadLetterQueue: string },
): Promise<{ streamArn: string; deadLetterQueueUrl: string }> {
  await createTable(dynamodb, names.articlesTable, 'id', true);
  await createTable(dynamodb, names.relatedTable, 'articleId', false);
  const table = await dynamodb.send(new DescribeTableCommand({ TableName: names.articlesTable }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${names.articlesTable} has no stream`);
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: names.deadLetterQueue }));
  if (!queue.QueueUrl) throw new Error(`queue ${names.deadLetterQueue} was not created`);
  return { streamArn, deadLetterQueueUrl: queue.QueueUrl };
}

async function createTable(db: DynamoDBClient, name: string, key: string, stream: boolean) {
  try {
    await db.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        ...(stream
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }
          : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
