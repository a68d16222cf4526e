import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, functionNames, placeholderFunctionEnv } from '../../infra/bundling.js';
import { SemanticLayer } from '../../infra/constructs/semantic-layer.js';
import {
  type LayerArch,
  layerLayout,
  runtimeBinaries,
  writeSemanticLayer,
} from '../../scripts/semantic/layer-content.js';
import { sha256Of } from '../../scripts/semantic/model-files.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {} });
const embedding = new Set(['search', 'articles']);

/** Every file under `dir` with its size, by path relative to it. */
function filesUnder(dir: string): Map<string, number> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) =>
    e.isFile(),
  );
  return new Map(
    files.map((e) => {
      const file = path.join(e.parentPath, e.name);
      return [path.relative(dir, file), statSync(file).size];
    }),
  );
}

/** A zip archive's size: every file deflated (as CDK zips assets) plus its two headers. */
const zippedSize = (dir: string) =>
  [...filesUnder(dir).keys()].reduce(
    (sum, file) =>
      sum + deflateRawSync(readFileSync(path.join(dir, file))).length + 2 * (46 + file.length),
    22,
  );

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

describe('the semantic layer in the search stack', () => {
  it('is one arm64 Node.js 24 layer', () => {
    const layers = stages.dev.searchTemplate.findResources('AWS::Lambda::LayerVersion');

    expect(Object.values(layers).map((l) => l.Properties)).toEqual([
      expect.objectContaining({
        LayerName: 'type1cure-search-dev-semantic',
        CompatibleArchitectures: ['arm64'],
        CompatibleRuntimes: ['nodejs24.x'],
      }),
    ]);
  });

  it.each(functionNames)('%s gets it and SEMANTIC_MODEL_DIR only if it embeds', (name) => {
    const fn = stages.dev.search.functions[name];
    const props = stages.dev.searchResource(fn).Properties;
    const layerId = stages.dev.searchLogicalId(stages.dev.search.semanticLayer);

    if (embedding.has(name)) {
      expect(props.Layers).toEqual([{ Ref: layerId }]);
      expect(props.Environment.Variables.SEMANTIC_MODEL_DIR).toBe(SemanticLayer.modelDir);
      expect(SemanticLayer.modelDir).toBe(`/opt/${layerLayout.modelDir}`);
    } else {
      expect(props.Layers).toBeUndefined();
      expect(props.Environment.Variables.SEMANTIC_MODEL_DIR).toBeUndefined();
    }
  });
});

// The layer's real content, built as `cdk synth` builds it (the model is fetched by Maven on first use).
describe('the semantic layer content', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'semantic-layer-'));
    await writeSemanticLayer(path.join(dir, 'arm64'));
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the pinned model files and the linux-arm64 runtime, checked by sha256', async () => {
    const layer = path.join(dir, 'arm64');
    const files = [...filesUnder(layer).keys()];
    const runtime = path.join(layerLayout.nodeModules, 'onnxruntime-node');
    const binDir = path.join(runtime, 'bin', 'napi-v6', 'linux', 'arm64');

    const sums = {
      [path.join(layerLayout.modelDir, semanticModel.onnxFile)]: semanticModel.sha256.onnx,
      [path.join(layerLayout.modelDir, semanticModel.tokenizerFile)]:
        semanticModel.sha256.tokenizer,
      ...Object.fromEntries(
        Object.entries(runtimeBinaries.arm64).map(([file, sum]) => [path.join(binDir, file), sum]),
      ),
    };
    for (const [file, sum] of Object.entries(sums)) {
      expect({ file, sum: await sha256Of(path.join(layer, file)) }).toEqual({ file, sum });
    }
    expect(files).toContain(path.join(layerLayout.modelDir, 'MODEL-LICENSE.md'));
    expect(files).toContain(path.join(runtime, 'dist', 'index.js'));
    expect(files).toContain(
      path.join(layerLayout.nodeModules, 'onnxruntime-common', 'dist', 'cjs', 'index.js'),
    );
    expect(files).toContain(
      path.join(layerLayout.nodeModules, '@huggingface', 'tokenizers', 'dist', 'tokenizers.cjs'),
    );
    // one platform only: the package's other four are ~265 MB
    expect(files.filter((f) => f.includes(`${path.sep}bin${path.sep}`)).sort()).toEqual(
      Object.keys(runtimeBinaries.arm64)
        .map((file) => path.join(binDir, file))
        .sort(),
    );
  });

  it("fits Lambda's limits with the search bundle: 50 MB zipped, 250 MB unzipped", () => {
    const layer = path.join(dir, 'arm64');
    const unzipped = [...filesUnder(layer).values()].reduce((a, b) => a + b, 0);
    const zipped = zippedSize(layer);
    console.log(`semantic layer: ${mb(zipped)} zipped, ${mb(unzipped)} unzipped`);

    // the bundles are at most 700 KB (infra/bundling.ts budgets)
    expect(unzipped + 700_000).toBeLessThan(250 * 1_048_576);
    expect(zipped + 700_000).toBeLessThan(50 * 1_048_576);
  });
});

// The layout Lambda sees, in a plain Node process: the search bundle in its own folder (no
// node_modules near it), the layer's folders beside it, and NODE_PATH as Lambda sets it for
// Node.js runtimes (/opt/nodejs/node_modules among others). This machine's binaries (x64 here)
// stand in for arm64; everything else is the same files.
describe('the search function bundle with the layer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'semantic-layout-'));
    await writeSemanticLayer(path.join(dir, 'opt'), { arch: process.arch as LayerArch });
    await build(bundleOptions('search', path.join(dir, 'task')));
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const coldStart = (env: Record<string, string>) => {
    const probe = `await import(${JSON.stringify(path.join(dir, 'task', 'index.mjs'))});`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: path.join(dir, 'task'),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...placeholderFunctionEnv, LOG_LEVEL: 'INFO', ...env },
    });
  };

  it('loads the model and runtime from the layer at cold start', () => {
    const result = coldStart({
      SEMANTIC_MODEL_DIR: path.join(dir, 'opt', layerLayout.modelDir),
      NODE_PATH: path.join(dir, 'opt', layerLayout.nodeModules),
    });

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('"message":"semantic model loaded"');
    expect(result.stderr).not.toContain('failed to load');
  });

  it('starts lexically, saying why, when the runtime is not where it looks', () => {
    const result = coldStart({ SEMANTIC_MODEL_DIR: path.join(dir, 'opt', layerLayout.modelDir) });

    // errors are logged to stderr
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('semantic model failed to load; ranking stays lexical');
    expect(result.stderr).toContain("Cannot find module 'onnxruntime-node'");
  });
});
