import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';

type AwsClientConfig = Pick<Config, 'region' | 'awsEndpoint'>;

/** Locally every AWS client talks to the same moto endpoint; on AWS the SDK's defaults apply. */
const clientOptions = (config: AwsClientConfig) => ({
  region: config.region,
  ...(config.awsEndpoint ? { endpoint: config.awsEndpoint } : {}),
});

export function createDocumentClient(config: AwsClientConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions(config)), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const createSqsClient = (config: AwsClientConfig) => new SQSClient(clientOptions(config));
