import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../shared/config.js';
import { localAwsClientConfig, type RunningMoto, startMoto } from '../local/moto.js';
import { startOpenSearch } from '../local/opensearch.js';
import { localNames, provisionLocal } from '../local/provision.js';
import { repoRoot } from '../local/repo-root.js';
import {
  type StreamHandler,
  type StreamPoller,
  startStreamPoller,
} from '../local/stream-poller.js';

/**
 * Silences the functions' metrics and info logs, which would otherwise drown the figures a
 * bench prints and cost time inside the measured requests. Values already set are kept.
 */
export function quietFunctions(): void {
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export interface BenchStack {
  /** Prefix of this run's tables, queue and index alias. */
  name: string;
  adminToken: string;
  moto: RunningMoto;
  region: string;
  config: Config;
  /** Stops OpenSearch and moto (when they were started here). */
  stops: Array<() => Promise<void>>;
}

/**
 * Starts OpenSearch (data under `.local/opensearch/<label>`) and moto, or uses OPENSEARCH_URL /
 * AWS_ENDPOINT_URL when set, provisions a fresh set of tables, queue and index alias named
 * `<label>-<random>`, and puts their configuration in process.env — before the benchmark imports
 * a function's handler, which reads its config at load time.
 */
export async function startBenchStack(opts: {
  label: string;
  openSearchPort: number;
  motoPort: number;
  log: (line: string) => void;
}): Promise<BenchStack> {
  const region = 'us-east-1';
  const [openSearch, moto] = await Promise.all([
    startOpenSearch({
      port: opts.openSearchPort,
      dataDir: join(repoRoot, '.local', 'opensearch', opts.label),
      heapMb: 1024,
      log: opts.log,
    }),
    startMoto({ port: opts.motoPort, log: opts.log }),
  ]);
  const stops = [openSearch.stop, moto.stop];
  try {
    const name = `${opts.label}-${randomBytes(3).toString('hex')}`;
    const adminToken = randomBytes(16).toString('hex');
    const { env } = await provisionLocal(
      { openSearchUrl: openSearch.url, awsEndpoint: moto.endpoint, region },
      localNames(name),
      adminToken,
    );
    Object.assign(process.env, env);
    return { name, adminToken, moto, region, config: loadConfig(), stops };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    throw error;
  }
}

/**
 * The real index-stream function fed by the stream poller from the end of the stream (what is
 * already in the table was loaded otherwise); stopped with the stack. Resolves once positioned.
 */
export async function startIndexingPoller(stack: BenchStack): Promise<StreamPoller> {
  const indexer = (await import('../../functions/index-stream/handler.js')) as {
    handler: StreamHandler;
  };
  const poller = startStreamPoller({
    dynamodb: localAwsClientConfig(stack.moto.endpoint, stack.region),
    tableName: stack.config.articlesTable,
    startingPosition: 'LATEST',
    handler: indexer.handler,
    log: () => {},
  });
  stack.stops.unshift(() => poller.stop());
  await poller.drain(300_000); // positioned at the end of the records already written
  return poller;
}
