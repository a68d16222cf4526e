import { localAwsClientConfig } from '../../scripts/local/moto.js';
import {
  type StreamHandler,
  type StreamPoller,
  type StreamPollerOptions,
  startStreamPoller,
} from '../../scripts/local/stream-poller.js';
import type { TestStack } from './test-stack.js';

/**
 * Polls the stack's article table stream into `handler`, as Lambda's event source mapping would.
 * Quiet unless a `log` is given, so test output shows only what the test asserts.
 */
export function pollArticleStream(
  stack: TestStack,
  options: Omit<StreamPollerOptions, 'dynamodb' | 'tableName'>,
): StreamPoller {
  return startStreamPoller({
    dynamodb: localAwsClientConfig(stack.env.AWS_ENDPOINT_URL as string, stack.config.region),
    tableName: stack.config.articlesTable,
    log: () => {},
    ...options,
  });
}

/**
 * The real index-stream function's handler. Import it only after `createTestStack`, which puts
 * the configuration the handler reads at load time into process.env.
 */
export async function loadIndexStreamHandler(): Promise<StreamHandler> {
  const { handler } = (await import('../../functions/index-stream/handler.js')) as {
    handler: StreamHandler;
  };
  return handler;
}
