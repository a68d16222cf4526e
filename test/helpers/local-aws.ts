import { randomBytes } from 'node:crypto';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type LocalAwsClientConfig,
  localAwsClientConfig,
  type RunningMoto,
  startMoto,
} from '../../scripts/local/moto.js';

/**
 * moto for one test file: the run's shared server when AWS_ENDPOINT_URL is set (global setup),
 * otherwise a server of its own on `port`. Tables are named uniquely, so sharing is safe.
 */
export async function useLocalAws(
  port: number,
  region = 'us-east-1',
): Promise<{ moto: RunningMoto; aws: LocalAwsClientConfig }> {
  const moto = await startMoto({ port, log: (line) => process.stderr.write(`[moto] ${line}\n`) });
  return { moto, aws: localAwsClientConfig(moto.endpoint, region) };
}

export function uniqueName(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** A table keyed by string `id` with a NEW_AND_OLD_IMAGES stream; returns the stream ARN. */
export async function createStreamTable(
  dynamodb: DynamoDBClient,
  tableName: string,
): Promise<string> {
  const { TableDescription } = await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const streamArn = TableDescription?.LatestStreamArn;
  if (!streamArn) throw new Error(`moto created ${tableName} without a stream`);
  return streamArn;
}
