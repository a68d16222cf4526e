import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startMoto } from '../scripts/local/moto.js';
import { startOpenSearch } from '../scripts/local/opensearch.js';
import { freePort } from '../scripts/local/process-utils.js';
import { repoRoot } from '../scripts/local/repo-root.js';
import { ensureModelFiles } from '../scripts/semantic/model-files.js';
import { semanticModel } from '../shared/semantic/model.js';

/**
 * Starts the real local services once for the whole test run and hands their endpoints to every
 * test worker through the environment. Ports are picked free at start, so a running `npm start`
 * or another test run on the same machine is never disturbed.
 */
export default async function setup() {
  const log = (line: string) => process.stderr.write(`[test-stack] ${line}\n`);
  const dataDir = join(repoRoot, '.local', 'opensearch', `test-${process.pid}`);
  const [openSearchPort, motoPort] = [await freePort(), await freePort()];
  const [openSearch, moto, modelDir] = await Promise.all([
    startOpenSearch({ port: openSearchPort, dataDir, heapMb: 1024, log }),
    startMoto({ port: motoPort, log }),
    ensureModelFiles(semanticModel, log),
  ]);
  Object.assign(process.env, {
    OPENSEARCH_URL: openSearch.url,
    OPENSEARCH_AUTH: 'none',
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: 'us-east-1',
    SEMANTIC_MODEL_DIR: modelDir,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Lambda runs Node 22+; the local Node 20 warning from the AWS SDK is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  return async () => {
    await Promise.all([openSearch.stop(), moto.stop()]);
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.log`, { force: true });
  };
}
