import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import type { FunctionName } from './bundling.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The parts of the OpenSearch client's API each function uses: root methods (`client.search`),
 * namespaces (`client.indices`) and `client.helpers`. The client binds every root method and
 * constructs a namespace on first use, so the rest (~45 methods, ~40 namespaces, the helpers:
 * up to 270 KB) is replaced by code that says what happened. test/infra/lean-bundle.test.ts
 * checks this table against what each function's bundled code touches, with the type checker.
 */
export const openSearchApis: Record<FunctionName, readonly string[]> = {
  articles: [],
  search: ['search'],
  suggest: ['search'],
  related: ['msearch', 'search'],
  openapi: [],
  'index-stream': ['bulk', 'cluster', 'indices', 'msearch', 'search'],
  reindex: ['bulk', 'clearScroll', 'cluster', 'indices', 'mget', 'scroll', 'search'],
  'refresh-related': ['msearch', 'search'],
  // the provisioning function maps the functions' roles through the security plugin's API
  provision: ['cluster', 'indices', 'security'],
};

const stubNamespace = 'lean-bundle-stub';

const notBundled = (what: string) =>
  `this OpenSearch API ${what} is not bundled: add it to openSearchApis in infra/lean-bundle.ts`;

const stubs = {
  /**
   * The default credential chain (SSO, INI files, process, web identity, IMDS, with their STS
   * and SSO clients: about 250 KB), which every SDK client and the OpenSearch signer fall back
   * to, becomes its first link: the environment credentials Lambda provides. Scripts run
   * unbundled and keep the whole chain.
   */
  credentialChain: `export { fromEnv as defaultProvider } from '@aws-sdk/credential-providers';`,
  /**
   * opensearch-js's trace output (the `debug` package with its colour detection, about 10 KB),
   * printed only when the DEBUG variable names it: the functions' environment holds nothing but
   * ConfigKeys (RuntimeEnvironment in node-function.ts), so it never does; they log through
   * Powertools. Scripts run unbundled and keep it.
   */
  debug: 'module.exports = () => () => {};',
  /**
   * opensearch-js uses json11 only with `enableLongNumeralSupport`, which createOpenSearchClient
   * (shared/clients/opensearch.ts), where every client is made, never sets.
   */
  json11: `module.exports = { parse() { throw new Error('json11 is not bundled'); }, stringify() { throw new Error('json11 is not bundled'); } };`,
  /** Its proxy agents (Connection.js) serve only the `proxy` option, never set either. */
  openSearchProxyAgent: `class ProxyAgent { constructor() { throw new Error('proxy agents are not bundled'); } }
module.exports = { HttpProxyAgent: ProxyAgent, HttpsProxyAgent: ProxyAgent };`,
  /**
   * The SDK's event-stream codec as the protocols load it on demand; DynamoDB has none (the
   * Lambda client, which has, imports it statically and keeps it).
   */
  smithyEventStreams: `const unavailable = () => { throw new Error('event streams are not bundled'); };
export class EventStreamSerde { constructor() { unavailable(); } }
export const eventStreamSerdeProvider = unavailable;`,
  openSearchNamespace: `module.exports = class {
  constructor() { throw new Error(${JSON.stringify(notBundled('namespace'))}); }
};`,
  openSearchMethod: `module.exports = function () { throw new Error(${JSON.stringify(notBundled('method'))}); };`,
  /** Constructed with every client; its methods (bulk, scroll, …) are what the table leaves out. */
  openSearchHelpers: 'module.exports = class {};',
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
    build.onResolve({ filter: /^\.\/ProxyAgent$/ }, ({ importer }) =>
      /[/\\]@opensearch-project[/\\]opensearch[/\\]lib[/\\]Connection\.js$/.test(importer)
        ? stub('openSearchProxyAgent')
        : undefined,
    );
    build.onResolve({ filter: /^debug$/ }, ({ importer }) =>
      /[/\\]@opensearch-project[/\\]opensearch[/\\]/.test(importer) ? stub('debug') : undefined,
    );
    // Clients read only `version` from their package.json (for the user agent): the rest of it,
    // 2-4 KB each, stays out. test/infra/lean-bundle.test.ts checks what they read.
    build.onLoad({ filter: /[/\\]node_modules[/\\].+[/\\]package\.json$/ }, async ({ path }) => ({
      contents: JSON.stringify({ version: JSON.parse(await readFile(path, 'utf8')).version }),
      loader: 'json',
    }));
    // OpenSearchApi.js requires `./<namespace>/_api` and `./_core/<method>`; Client.js `./Helpers`
    build.onResolve({ filter: /^\.\/(?:\w+\/_api|_core\/\w+|Helpers)$/ }, ({ path, importer }) => {
      const client =
        /[/\\]@opensearch-project[/\\]opensearch[/\\](api[/\\]OpenSearchApi|lib[/\\]Client)\.js$/;
      if (!client.test(importer)) return undefined;
      const [, first, second] = path.split('/');
      const [api, kind] =
        first === 'Helpers'
          ? ['helpers', 'openSearchHelpers' as const]
          : first === '_core'
            ? [second, 'openSearchMethod' as const]
            : [first, 'openSearchNamespace' as const];
      return api && openSearchApis[name].includes(api) ? undefined : stub(kind);
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
