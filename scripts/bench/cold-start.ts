/**
 * Cold start of every function as deployed: its minified bundle (`index.mjs`, built with the
 * CDK's esbuild settings, no source map) and the time a fresh Node process takes to load and
 * initialise it (imports, config validation, client construction) minus a bare `node` start,
 * medians of interleaved runs. No network is touched: clients connect on first use. The
 * functions that embed are timed again with the semantic layer laid out as on Lambda (this
 * machine's binaries), so the model's load shows.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  bundleOptions,
  type FunctionName,
  functionNames,
  placeholderFunctionEnv,
} from '../../infra/bundling.js';
import { type LayerArch, layerLayout, writeSemanticLayer } from '../semantic/layer-content.js';
import { percentile, round } from './percentiles.js';

const functionEnv = {
  PATH: process.env.PATH ?? '',
  ...placeholderFunctionEnv,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The functions that get the semantic layer (infra/stacks/search-stack.ts). */
const embedding = ['search', 'articles'] as const satisfies readonly FunctionName[];

export interface ColdStart {
  bundles: Record<FunctionName, { bytes: number }>;
  coldStart: Record<FunctionName, { initMsMedian: number }> & {
    bareNodeMsMedian: number;
    /** The same with the model loaded from the semantic layer. */
    withSemanticLayer?: Record<(typeof embedding)[number], { initMsMedian: number }>;
  };
}

function timeNode(code: string, env: Record<string, string> = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...functionEnv, ...env },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node -e failed: ${result.stderr}`);
  return ms;
}

export async function benchColdStart(opts: { outdir: string; runs: number }): Promise<ColdStart> {
  const files = {} as Record<FunctionName, string>;
  const bundles = {} as ColdStart['bundles'];
  for (const name of functionNames) {
    const options = bundleOptions(name, path.join(opts.outdir, name));
    await build({ ...options, logLevel: 'error' });
    files[name] = options.outfile;
    bundles[name] = { bytes: statSync(options.outfile).size };
  }
  const layer = path.join(opts.outdir, 'semantic-layer');
  await writeSemanticLayer(layer, { arch: process.arch as LayerArch });
  // as Lambda sets them: SEMANTIC_MODEL_DIR by the stack, NODE_PATH by the runtime
  const layerEnv = {
    SEMANTIC_MODEL_DIR: path.join(layer, layerLayout.modelDir),
    NODE_PATH: path.join(layer, layerLayout.nodeModules),
  };
  const bare: number[] = [];
  const loads = Object.fromEntries(functionNames.map((n) => [n, [] as number[]])) as Record<
    FunctionName,
    number[]
  >;
  const withLayer = Object.fromEntries(embedding.map((n) => [n, [] as number[]])) as Record<
    (typeof embedding)[number],
    number[]
  >;
  for (let run = -1; run < opts.runs; run++) {
    // round -1 warms the file system cache; runs interleave so load spikes hit all alike
    const ms = timeNode('process.exit(0)');
    if (run >= 0) bare.push(ms);
    for (const name of functionNames) {
      const url = pathToFileURL(files[name]).href;
      const ms = timeNode(`await import(${JSON.stringify(url)}); process.exit(0);`);
      if (run >= 0) loads[name].push(ms);
    }
    for (const name of embedding) {
      const url = pathToFileURL(files[name]).href;
      const ms = timeNode(`await import(${JSON.stringify(url)}); process.exit(0);`, layerEnv);
      if (run >= 0) withLayer[name].push(ms);
    }
  }
  const median = (samples: number[]) =>
    percentile(
      [...samples].sort((a, b) => a - b),
      0.5,
    ) ?? Number.NaN;
  const bareMedian = median(bare);
  const coldStart = { bareNodeMsMedian: round(bareMedian) } as ColdStart['coldStart'];
  for (const name of functionNames) {
    coldStart[name] = { initMsMedian: round(median(loads[name]) - bareMedian) };
  }
  coldStart.withSemanticLayer = {
    search: { initMsMedian: round(median(withLayer.search) - bareMedian) },
    articles: { initMsMedian: round(median(withLayer.articles) - bareMedian) },
  };
  return { bundles, coldStart };
}
