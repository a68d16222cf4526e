/**
 * The semantic layer's files (`tsx scripts/semantic/layer-content.ts <outdir> [--arch x64]`): what
 * the functions that embed need beside their bundle, laid out as Lambda mounts a layer under
 * /opt. Every file is checked against a pinned sha256 before it is copied.
 *
 * - `semantic-model/`: the production model's ONNX file and tokenizer (pinned in
 *   shared/semantic/model.ts, fetched by Maven) with their provenance and licences.
 * - `nodejs/node_modules/onnxruntime-node`: the runtime's JavaScript and its native binaries for
 *   one Linux architecture only (arm64 on Lambda; the package ships five platforms, ~290 MB),
 *   plus `onnxruntime-common`'s CommonJS build, its one dependency at run time.
 * - `nodejs/node_modules/@huggingface/tokenizers`: the tokenizer's CommonJS build (pure
 *   JavaScript, kept out of the bundles so they stay within their budgets).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { semanticModel } from '../../shared/semantic/model.js';
import { ensureModelFiles, sha256Of } from './model-files.js';

/** Where the layer puts things, relative to /opt. */
export const layerLayout = {
  modelDir: 'semantic-model',
  nodeModules: join('nodejs', 'node_modules'),
} as const;

export type LayerArch = 'arm64' | 'x64';

/**
 * sha256 of onnxruntime-node 1.30.0's native files per Linux architecture (arm64 ships; x64 lets
 * this machine load the same layout in tests). Upgrading the package means updating these.
 */
export const runtimeBinaries: Record<LayerArch, Record<string, string>> = {
  arm64: {
    'libonnxruntime.so.1': '1f549d46250b005580b597f4164984aaf75b3bcb9f3aeb07c7f8a8fe60b23c76',
    'onnxruntime_binding.node': 'afec78dc11d38dc81605b068cefe1fc73ffe77ca240c15468aa40786150beac8',
  },
  x64: {
    'libonnxruntime.so.1': 'ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23',
    'onnxruntime_binding.node': 'ccdc60b981d93a490cf9513d3f583547252b6e285b72988a96a494f2f006c7b8',
  },
};

const require = createRequire(import.meta.url);
/** The folder of an installed package (found from its entry point: not every one exports its package.json). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(join('node_modules', name))) {
    if (dirname(dir) === dir) throw new Error(`no package folder for ${name}`);
    dir = dirname(dir);
  }
  return dir;
}
const licenceFile = fileURLToPath(new URL('../semantic-model/MODEL-LICENSE.md', import.meta.url));

/** Copies `from` to `to` after checking its sha256 against `sum`; a mismatch stops the build. */
async function copyChecked(from: string, to: string, sum: string) {
  const actual = await sha256Of(from);
  if (actual !== sum) {
    throw new Error(`${from}: sha256 ${actual ?? 'unreadable'}, expected ${sum}; not packaged`);
  }
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}

/** Copies the `.js` files of `from` and its `package.json`, if any (no maps, no typings). */
async function copyScripts(from: string, to: string) {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (name.endsWith('.js') || name === 'package.json') {
      await copyFile(join(from, name), join(to, name));
    }
  }
}

/** Writes the layer's files for `arch` into `outDir` (which should be empty). */
export async function writeSemanticLayer(
  outDir: string,
  { arch = 'arm64', log }: { arch?: LayerArch; log?: (line: string) => void } = {},
): Promise<void> {
  const modelDir = await ensureModelFiles(semanticModel, log);
  const modelOut = join(outDir, layerLayout.modelDir);
  await copyChecked(
    join(modelDir, semanticModel.onnxFile),
    join(modelOut, semanticModel.onnxFile),
    semanticModel.sha256.onnx,
  );
  await copyChecked(
    join(modelDir, semanticModel.tokenizerFile),
    join(modelOut, semanticModel.tokenizerFile),
    semanticModel.sha256.tokenizer,
  );
  await copyFile(licenceFile, join(modelOut, 'MODEL-LICENSE.md'));

  const nodeModules = join(outDir, layerLayout.nodeModules);
  const runtime = packageDir('onnxruntime-node');
  const runtimeOut = join(nodeModules, 'onnxruntime-node');
  const binDir = join('bin', 'napi-v6', 'linux', arch);
  for (const [file, sum] of Object.entries(runtimeBinaries[arch])) {
    await copyChecked(join(runtime, binDir, file), join(runtimeOut, binDir, file), sum);
  }
  await copyScripts(join(runtime, 'dist'), join(runtimeOut, 'dist'));
  await copyFile(join(runtime, 'package.json'), join(runtimeOut, 'package.json'));

  const common = packageDir('onnxruntime-common');
  const commonOut = join(nodeModules, 'onnxruntime-common');
  // with the folder's own package.json, which marks it CommonJS
  await copyScripts(join(common, 'dist', 'cjs'), join(commonOut, 'dist', 'cjs'));
  await copyFile(join(common, 'package.json'), join(commonOut, 'package.json'));

  const tokenizers = packageDir('@huggingface/tokenizers');
  const tokenizersOut = join(nodeModules, '@huggingface', 'tokenizers');
  await mkdir(join(tokenizersOut, 'dist'), { recursive: true });
  for (const file of ['package.json', 'LICENSE', join('dist', 'tokenizers.cjs')]) {
    await copyFile(join(tokenizers, file), join(tokenizersOut, file));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { arch: { type: 'string', default: 'arm64' } },
  });
  const [outDir] = positionals;
  if (!outDir || !(values.arch === 'arm64' || values.arch === 'x64')) {
    throw new Error('usage: layer-content.ts <outdir> [--arch arm64|x64]');
  }
  await writeSemanticLayer(outDir, { arch: values.arch });
}
