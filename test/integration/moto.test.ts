import { connect } from 'node:net';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAwsClientConfig, type RunningMoto, startMoto } from '../../scripts/local/moto.js';
import { createStreamTable, uniqueName } from '../helpers/local-aws.js';

const PORT = 4590;
const log = (line: string) => process.stderr.write(`[moto] ${line}\n`);

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startMoto', () => {
  const sharedEndpoint = process.env.AWS_ENDPOINT_URL;
  let moto: RunningMoto;

  beforeAll(async () => {
    // This file tests the launcher itself, so it never reuses the run's shared moto.
    delete process.env.AWS_ENDPOINT_URL;
    const started = performance.now();
    moto = await startMoto({ port: PORT, log });
    log(`startMoto resolved in ${Math.round(performance.now() - started)} ms`);
  });

  afterAll(async () => {
    await moto?.stop();
    if (sharedEndpoint) process.env.AWS_ENDPOINT_URL = sharedEndpoint;
  });

  it('serves DynamoDB tables with a NEW_AND_OLD_IMAGES stream', async () => {
    const dynamodb = new DynamoDBClient(localAwsClientConfig(moto.endpoint));
    const tableName = uniqueName('moto');

    const streamArn = await createStreamTable(dynamodb, tableName);
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { id: { S: 'a1' }, title: { S: 'Insulin' } },
      }),
    );
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: tableName, Key: { id: { S: 'a1' } } }),
    );

    expect(moto.endpoint).toBe(`http://127.0.0.1:${PORT}`);
    expect(streamArn).toMatch(
      new RegExp(`^arn:aws:dynamodb:us-east-1:\\d{12}:table/${tableName}/stream/`),
    );
    expect(Item).toEqual({ id: { S: 'a1' }, title: { S: 'Insulin' } });
    dynamodb.destroy();
  });

  it('serves SQS queues, as the indexer dead-letter queue needs', async () => {
    const sqs = new SQSClient(localAwsClientConfig(moto.endpoint));

    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('dlq') }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"id":"a1"}' }));
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );

    expect(Messages?.map((message) => message.Body)).toEqual(['{"id":"a1"}']);
    sqs.destroy();
  });

  it('refuses a port that is already taken instead of reusing whatever answers there', async () => {
    await expect(startMoto({ port: PORT, log })).rejects.toThrow(`port ${PORT} is already in use`);
  });

  it('stop() ends the server and frees its port', async () => {
    const second = await startMoto({ port: PORT + 2, log });
    expect(await isListening(PORT + 2)).toBe(true);

    await second.stop();

    expect(await isListening(PORT + 2)).toBe(false);
  });

  it('starts nothing when AWS_ENDPOINT_URL points elsewhere', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4599';
    try {
      const external = await startMoto({ port: PORT + 3, log });

      expect(external.endpoint).toBe('http://127.0.0.1:4599');
      expect(await isListening(PORT + 3)).toBe(false);
      await external.stop();
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});
