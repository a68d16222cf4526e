import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { leanBundlePlugin } from './lean-bundle.js';

/** Repository root, derived from this file so synth and build do not depend on the cwd. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Every Lambda entry point: `functions/<name>/handler.ts`, each exporting `handler`. */
export const functionNames = [
  'articles',
  'search',
  'suggest',
  'related',
  'openapi',
  'index-stream',
  'reindex',
  'refresh-related',
  'provision',
] as const;
export type FunctionName = (typeof functionNames)[number];

export const isFunctionName = (name: string): name is FunctionName =>
  (functionNames as readonly string[]).includes(name);

export const entryPath = (name: string): string =>
  path.join(projectRoot, 'functions', name, 'handler.ts');

/**
 * The entry file of a function, or an error naming it. The CDK app needs the file at synth
 * time; without this check the bundler's message does not say which handler is missing.
 */
export function requireEntry(name: FunctionName): string {
  const entry = entryPath(name);
  if (!existsSync(entry)) {
    throw new Error(
      `Lambda entry functions/${name}/handler.ts is missing: every function in infra/bundling.ts needs a handler file exporting \`handler\``,
    );
  }
  return entry;
}

/**
 * The request path's functions load on a reader's cold start: 350 KB is the goal for each. Search
 * and suggest are held well below it (about 180 KB now), so that growth shows in review.
 */
const requestPathBudgetBytes = 350_000;
const budgets: Partial<Record<FunctionName, number>> = {
  search: 250_000,
  suggest: 250_000,
  related: requestPathBudgetBytes,
};

/** Bytes of minified code (`index.mjs`, no source map) a function may ship; `npm run build` checks. */
export const budgetOf = (name: FunctionName): number => budgets[name] ?? 700_000;

/**
 * Environment in which any function bundle loads outside AWS (tests, the cold-start bench):
 * placeholders for what `loadConfig` validates at import, never contacted, since clients
 * connect on first use.
 */
export const placeholderFunctionEnv = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'placeholder',
  AWS_SECRET_ACCESS_KEY: 'placeholder',
  OPENSEARCH_URL: 'https://search.example.invalid',
  OPENSEARCH_AUTH: 'aws',
  INDEX_ALIAS: 'articles',
  ARTICLES_TABLE: 'articles-table',
  RELATED_TABLE: 'related-table',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.example.invalid/123/dlq',
  OPENSEARCH_DOMAIN_NAME: 'placeholder',
  // the provisioning function refuses to start without them
  OPENSEARCH_ADMIN_ROLE_ARN: 'arn:aws:iam::123456789012:role/placeholder',
  REINDEX_FUNCTION_NAME: 'placeholder',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

/** The `require` shim some CommonJS dependencies need inside an ESM bundle. */
export const requireShim =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * esbuild settings shared by the CDK functions and `npm run build`, so the sizes the build
 * prints are the sizes that get deployed: `<outdir>/index.mjs`, plus `index.mjs.map` only when
 * `sourceMap` is asked for.
 *
 * - ESM with a `require` shim: some dependencies are CommonJS and call `require('node:…')`,
 *   which esbuild cannot turn into imports.
 * - `module` before `main`: the ESM builds of the AWS SDK and Powertools tree-shake.
 * - Nothing is external but `onnxruntime-node` (native binaries, not JavaScript) and
 *   `@huggingface/tokenizers` (35 KB only the embedding functions need): both ship in the
 *   semantic layer (infra/constructs/semantic-layer.ts), which the semantic step loads on demand,
 *   answering lexically without it. Not even `@aws-sdk/*` is external: the SDK
 *   inside the Lambda runtime is not pinned
 *   and changes under a deployed function, while the modular clients we use are small once
 *   bundled and minified (and a minified bundle also loads faster than the runtime's copy).
 * - Code nothing calls is left out (`leanBundlePlugin`): the OpenSearch API
 *   namespaces the function does not use, the AWS default credential chain; the OpenAPI document is
 *   generated here instead of at cold start.
 * - Target node22: the oldest Lambda runtime this code is meant for; the functions run on
 *   nodejs24.x (see node-function.ts), which accepts the same output.
 * - No source map by default: it is as large as the code and Node only reads it with
 *   --enable-source-maps, which slows every stack trace. Asked for, it maps to TypeScript lines
 *   without repeating the sources.
 */
export function bundleOptions(
  name: FunctionName,
  outdir: string,
  { sourceMap = false }: { sourceMap?: boolean } = {},
): BuildOptions & { outfile: string } {
  return {
    entryPoints: [entryPath(name)],
    outfile: path.join(outdir, 'index.mjs'),
    bundle: true,
    treeShaking: true,
    target: 'node22',
    format: 'esm',
    platform: 'node',
    minify: true,
    sourcemap: sourceMap,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: requireShim },
    external: ['onnxruntime-node', '@huggingface/tokenizers'],
    plugins: [leanBundlePlugin(name)],
    logLevel: 'warning',
  };
}
