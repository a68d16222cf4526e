import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const entryPath = (name: string): string =>
  path.join(projectRoot, 'functions', name, 'handler.ts');

/**
 * The entry file of a function, or an error naming it. NodejsFunction needs the file at synth
 * time; without this check its message does not say which handler is missing.
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
 * esbuild settings shared by the CDK functions and `npm run build`, so the sizes the build
 * prints are the sizes that get deployed.
 *
 * - ESM with a `require` shim: some dependencies are CommonJS and call `require('node:…')`,
 *   which esbuild cannot turn into imports.
 * - `module` before `main`: the ESM builds of the AWS SDK and Powertools tree-shake.
 * - Nothing is external, not even `@aws-sdk/*`: the SDK inside the Lambda runtime is not pinned
 *   and changes under a deployed function, while the modular clients we use are small once
 *   bundled and minified (and a minified bundle also loads faster than the runtime's copy).
 * - Target node22: the oldest Lambda runtime this code is meant for; the functions run on
 *   nodejs24.x (see node-function.ts), which accepts the same output.
 * - Source maps without sources: stack traces map to TypeScript lines (NODE_OPTIONS
 *   --enable-source-maps) without shipping the sources a second time.
 */
export const bundleOptions = {
  target: 'node22',
  format: 'esm',
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  external: [] as string[],
} as const;
