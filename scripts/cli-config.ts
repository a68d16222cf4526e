import { type Config, loadConfig } from '../shared/config.js';
import { ConfigKeys } from '../shared/config-keys.js';
import { localStackNames, localStackPorts } from './local/defaults.js';

/**
 * Configuration for the operator CLIs (`npm run import`, `npm run reindex`). When the environment
 * names a stack (OPENSEARCH_URL set, e.g. exported from what `npm start` prints, or a deployed
 * stage) it is used as is and validated; otherwise the CLIs talk to the stack `npm start` runs,
 * with its names and ports (OPENSEARCH_PORT and MOTO_PORT honoured, as there).
 */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): {
  config: Config;
  local: boolean;
} {
  if (env[ConfigKeys.openSearchUrl]) return { config: loadConfig([], env), local: false };
  const ports = localStackPorts(env);
  const localStack = {
    [ConfigKeys.openSearchUrl]: `http://127.0.0.1:${ports.openSearch}`,
    [ConfigKeys.openSearchAuth]: 'none',
    [ConfigKeys.indexAlias]: localStackNames.indexAlias,
    [ConfigKeys.articlesTable]: localStackNames.articlesTable,
    [ConfigKeys.relatedTable]: localStackNames.relatedTable,
    [ConfigKeys.awsEndpoint]: `http://127.0.0.1:${ports.moto}`,
    [ConfigKeys.region]: 'us-east-1',
    [ConfigKeys.adminAuth]: 'iam',
  };
  // moto accepts any credentials; the SDK only needs some.
  env.AWS_ACCESS_KEY_ID ??= 'local';
  env.AWS_SECRET_ACCESS_KEY ??= 'local';
  return { config: loadConfig([], { ...env, ...localStack }), local: true };
}
