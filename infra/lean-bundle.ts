import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import type { FunctionName } from './bundling.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * OpenSearch API namespaces each function calls (`client.indices.*`, `client.cluster.*`); the
 * client constructs a namespace on first use, so the others (~40 of them, ml, security, ltr, …:
 * up to 250 KB) are replaced by a constructor that says what happened. The request path calls
 * none. test/infra/lean-bundle.test.ts checks this table against each function's bundled code.
 */
export const openSearchNamespaces: Record<FunctionName, readonly string[]> = {
  articles: [],
  search: [],
  suggest: [],
  related: [],
  openapi: [],
  'index-stream': ['indices', 'cluster'],
  reindex: ['indices', 'cluster'],
  'refresh-related': [],
  // the provisioning function maps the functions' roles through the security plugin's API
  provision: ['indices', 'cluster', 'security'],
};

const stubNamespace = 'lean-bundle-stub';

const stubs = {
  /**
   * The default credential chain (SSO, INI files, process, web identity, IMDS, with their STS
   * and SSO clients: about 250 KB), which every SDK client and the OpenSearch signer fall back
   * to, becomes its first link: the environment credentials Lambda provides. Scripts run
   * unbundled and keep the whole chain.
   */
  credentialChain: `export { fromEnv as defaultProvider } from '@aws-sdk/credential-providers';`,
  /** opensearch-js uses json11 only with `enableLongNumeralSupport`, which we never set. */
  json11: `module.exports = { parse() { throw new Error('json11 is not bundled'); }, stringify() { throw new Error('json11 is not bundled'); } };`,
  /**
   * The SDK's event-stream codec as the protocols load it on demand; DynamoDB has none (the
   * Lambda client, which has, imports it statically and keeps it).
   */
  smithyEventStreams: `const unavailable = () => { throw new Error('event streams are not bundled'); };
export class EventStreamSerde { constructor() { unavailable(); } }
export const eventStreamSerdeProvider = unavailable;`,
  openSearchNamespace: `module.exports = class {
  constructor() {
    throw new Error('this OpenSearch API namespace is not bundled: add it to openSearchNamespaces in infra/lean-bundle.ts');
  }
};`,
} as const;

/**
 * Leaves code nothing calls out of a function's bundle and pre-generates the OpenAPI
 * document, so that the openapi function ships JSON instead of the schemas and zod's JSON Schema
 * converter. (zod needs no stub: `zod/mini` tree-shakes, see shared/zod.ts.)
 */
export const leanBundlePlugin = (name: FunctionName): Plugin => ({
  name: 'lean-bundle',
  setup(build) {
    const stub = (kind: keyof typeof stubs) => ({ path: kind, namespace: stubNamespace });
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () =>
      stub('credentialChain'),
    );
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, ({ importer }) =>
      /[/\\]HttpProtocol\.js$/.test(importer) ? stub('smithyEventStreams') : undefined,
    );
    build.onResolve({ filter: /^json11$/ }, () => stub('json11'));
    build.onResolve({ filter: /^\.\/\w+\/_api$/ }, ({ path, importer }) => {
      if (!/[/\\]@opensearch-project[/\\]opensearch[/\\]api[/\\]OpenSearchApi\.js$/.test(importer))
        return undefined;
      const namespace = path.slice(2, -'/_api'.length);
      return openSearchNamespaces[name].includes(namespace)
        ? undefined
        : stub('openSearchNamespace');
    });
    build.onLoad({ filter: /.*/, namespace: stubNamespace }, ({ path }) => ({
      contents: stubs[path as keyof typeof stubs],
      loader: 'js',
      resolveDir: projectRoot,
    }));

    build.onLoad({ filter: /[/\\]shared[/\\]openapi[/\\]document\.ts$/ }, async ({ path }) => {
      const { openApiDocument } = (await import(path)) as { openApiDocument: unknown };
      return {
        contents: `export const openApiDocument = ${JSON.stringify(openApiDocument)};`,
        loader: 'js',
      };
    });
  },
});
