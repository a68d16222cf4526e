import { fromEnv } from '@aws-sdk/credential-providers';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { Config } from '../config.js';

export type OpenSearchClient = Client;

/**
 * One client per container: keep-alive sockets are reused across invocations. On AWS requests are
 * SigV4-signed with the Lambda role's credentials from the environment (`fromEnv` keeps the whole
 * credential-provider chain out of the bundle).
 */
export function createOpenSearchClient(
  config: Pick<Config, 'openSearch' | 'region'>,
  options: {
    requestTimeoutMs?: number;
    maxRetries?: number;
    /** Whom to sign as (default: the Lambda role, from the environment). */
    credentials?: ReturnType<typeof fromEnv>;
  } = {},
): OpenSearchClient {
  const common = {
    node: config.openSearch.url,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    // Retries a stale keep-alive socket after a frozen container thaws (ECONNRESET).
    maxRetries: options.maxRetries ?? 2,
    compression: 'gzip' as const,
  };
  if (config.openSearch.auth === 'none') return new Client(common);
  return new Client({
    ...common,
    ...AwsSigv4Signer({
      region: config.region,
      service: 'es',
      getCredentials: options.credentials ?? fromEnv(),
    }),
  });
}
