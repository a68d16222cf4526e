import { fromEnv } from '@aws-sdk/credential-providers';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { Config } from '../config.js';

export type OpenSearchClient = Client;

/**
 * One client per container: keep-alive sockets are reused across invocations. On AWS requests are
 * SigV4-signed with the Lambda role's credentials from the environment (`fromEnv`; the bundles
 * leave the rest of the credential-provider chain out, see infra/lean-bundle.ts).
 *
 * `gzipRequests` compresses request bodies: worth it for `_bulk` (about 17× on a 1 MB batch of
 * articles), not for a 4 KB search body, whose gzip costs the caller and the cluster CPU on every
 * request for no measurable transfer time (scripts/bench, see docs/scaling.md).
 */
export function createOpenSearchClient(
  config: Pick<Config, 'openSearch' | 'region'>,
  options: {
    requestTimeoutMs?: number;
    maxRetries?: number;
    gzipRequests?: boolean;
    /** Whom to sign as (default: the Lambda role, from the environment). */
    credentials?: ReturnType<typeof fromEnv>;
  } = {},
): OpenSearchClient {
  const common = {
    node: config.openSearch.url,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    // Retries a stale keep-alive socket after a frozen container thaws (ECONNRESET).
    maxRetries: options.maxRetries ?? 2,
    ...(options.gzipRequests && { compression: 'gzip' as const }),
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
