import { spawnSync } from 'node:child_process';
import { AssetHashType, DockerImage, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { projectRoot } from '../bundling.js';
import type { StageConfig } from '../config.js';

/**
 * The sentence-embedding model and its native runtime, for the functions that embed (search:
 * query vectors; articles: document vectors on write). Not JavaScript, so not in the bundles:
 * `scripts/semantic/layer-content.ts` lays out the model files (sha256-checked against
 * shared/semantic/model.ts, fetched by Maven on first use) and onnxruntime-node with only its
 * linux-arm64 binaries (sha256-pinned there too). About 49 MB unpacked, 27 MB zipped
 * (test/infra/semantic-layer.test.ts checks Lambda's limits).
 */
export class SemanticLayer extends LayerVersion {
  /** Where Lambda mounts the model files (the layer's `semantic-model/` under /opt). */
  static readonly modelDir = '/opt/semantic-model';

  constructor(scope: Construct, id: string, { config }: { config: StageConfig }) {
    super(scope, id, {
      layerVersionName: `${config.resourcePrefix}-semantic`,
      description: 'all-MiniLM-L6-v2 int8 ONNX model and onnxruntime-node (linux-arm64)',
      compatibleArchitectures: [Architecture.ARM_64],
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      // old versions stay until the functions that use them are updated; nothing stateful
      removalPolicy: RemovalPolicy.DESTROY,
      code: Code.fromAsset(projectRoot, {
        // hashed by content: an unchanged model and runtime are not uploaded again
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          image: DockerImage.fromRegistry('dummy'), // required by the API; local bundling always runs
          local: {
            tryBundle(outputDir) {
              const result = spawnSync(
                process.execPath,
                ['--import', 'tsx', 'scripts/semantic/layer-content.ts', outputDir],
                { cwd: projectRoot, stdio: 'inherit' },
              );
              if (result.status !== 0) throw new Error('building the semantic layer failed');
              return true;
            },
          },
        },
      }),
    });
  }
}
