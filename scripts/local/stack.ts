import { join } from 'node:path';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ConfigKeys } from '../../shared/config-keys.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { ensureModelFiles } from '../semantic/model-files.js';
import { startGateway } from './gateway.js';
import { localAwsClientConfig, startMoto } from './moto.js';
import { startOpenSearch } from './opensearch.js';
import { type LocalNames, provisionLocal } from './provision.js';
import { loadApiRoutes } from './routes.js';
import { type LocalJob, startLocalSchedules } from './scheduler.js';
import { type StreamHandler, type StreamPoller, startStreamPoller } from './stream-poller.js';

export interface LocalStackOptions {
  apiPort: number;
  openSearchPort: number;
  motoPort: number;
  /** Directory for the OpenSearch node's data and logs (under .local/, git-ignored). */
  dataDir: string;
  names: LocalNames;
  adminToken: string;
  /** Browser origins the API answers with CORS headers. */
  corsOrigins: readonly string[];
  region?: string;
  log: (line: string) => void;
}

export interface LocalStack {
  apiUrl: string;
  /** The refresh-related function, for a run outside its schedule (e.g. after a reindex). */
  refreshRelated: LocalJob['handler'];
  env: Record<string, string>;
  poller: StreamPoller;
  /** True when the live index was built with an older mapping: a reindex is due. */
  mappingStale: boolean;
  stop(): Promise<void>;
}

/**
 * The whole backend on one machine: real OpenSearch, moto (DynamoDB + Streams + SQS), the stream
 * poller feeding the index-stream function, and the HTTP gateway in front of the API functions —
 * the same handler modules CDK deploys.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const region = opts.region ?? 'us-east-1';
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const [openSearch, moto, modelDir] = await Promise.all([
      startOpenSearch({
        port: opts.openSearchPort,
        dataDir: join(opts.dataDir, 'opensearch'),
        log: opts.log,
      }),
      startMoto({ port: opts.motoPort, log: opts.log }),
      ensureModelFiles(semanticModel, opts.log),
    ]);
    stops.push(openSearch.stop, moto.stop);
    const { env, mappingStale } = await provisionLocal(
      { openSearchUrl: openSearch.url, awsEndpoint: moto.endpoint, region },
      opts.names,
      opts.adminToken,
    );
    Object.assign(process.env, env, { [ConfigKeys.semanticModelDir]: modelDir });

    const indexer = (await import('../../functions/index-stream/handler.js')) as {
      handler: StreamHandler;
    };
    const poller = startStreamPoller({
      dynamodb: localAwsClientConfig(moto.endpoint, region),
      tableName: opts.names.articlesTable,
      handler: indexer.handler as (e: DynamoDBStreamEvent) => ReturnType<StreamHandler>,
      log: opts.log,
    });
    stops.push(() => poller.stop());

    // Like the 15-minute EventBridge rule: lists of neighbours marked by the stream indexer.
    const refresh = (await import('../../functions/refresh-related/handler.js')) as {
      handler: LocalJob['handler'];
    };
    const schedules = startLocalSchedules(
      [
        {
          name: 'refresh-related-local',
          everyMs: 60_000,
          event: { mode: 'markers' },
          handler: refresh.handler,
        },
      ],
      region,
      opts.log,
    );
    stops.push(async () => schedules.stop());

    const gateway = await startGateway({
      port: opts.apiPort,
      routes: await loadApiRoutes(),
      corsOrigins: opts.corsOrigins,
      log: opts.log,
    });
    stops.push(gateway.stop);
    return {
      apiUrl: gateway.url,
      refreshRelated: refresh.handler,
      env,
      poller,
      mappingStale,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
