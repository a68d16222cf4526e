/**
 * Bundles one function for the CDK app: `tsx infra/bundle-function.ts <name> <outdir>
 * [--source-map]`. Its own process because CDK's local bundling hook is synchronous and esbuild
 * plugins need the asynchronous API.
 */
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions, isFunctionName } from './bundling.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'source-map': { type: 'boolean', default: false } },
});
const [name, outdir] = positionals;
if (!name || !isFunctionName(name) || !outdir) {
  throw new Error('usage: bundle-function.ts <function name> <outdir> [--source-map]');
}
await build(bundleOptions(name, outdir, { sourceMap: values['source-map'] }));
