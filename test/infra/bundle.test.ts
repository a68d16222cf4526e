import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetOf,
  placeholderFunctionEnv,
  projectRoot,
  requireShim,
} from '../../infra/bundling.js';
import { stageConfigFromContext } from '../../infra/config.js';
import { NodeFunction } from '../../infra/constructs/node-function.js';

let outdir: string;
let bundleDir: string;

// The stream indexer pulls in the most: opensearch-js, the SQS client, Powertools, zod.
beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'infra-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'BundleProbe');
  const fn = new NodeFunction(stack, 'Indexer', {
    name: 'index-stream',
    config: stageConfigFromContext(app.node),
    description: 'bundle probe',
    memorySize: 128,
    timeout: Duration.seconds(3),
    environment: {},
  });
  app.synth();
  const { Properties } =
    Template.fromStack(stack).toJSON().Resources[
      stack.getLogicalId(fn.node.defaultChild as CfnResource)
    ];
  // The asset is staged as asset.<hash>; the function's code is uploaded as <hash>.zip.
  const hash = String(Properties.Code.S3Key).replace(/\.zip$/, '');
  bundleDir = path.join(outdir, `asset.${hash}`);
}, 240_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('NodeFunction bundling (real esbuild run, no Docker)', () => {
  it('emits a minified ESM index.mjs and no source map unless asked for', () => {
    const code = readFileSync(path.join(bundleDir, 'index.mjs'), 'utf8');

    expect(code.startsWith(requireShim)).toBe(true); // the require shim for CommonJS deps
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified: long lines
    expect(existsSync(path.join(bundleDir, 'index.mjs.map'))).toBe(false);
    expect(code).not.toContain('sourceMappingURL');
  });

  it('bundles the AWS SDK clients it uses, without the default credential chain', () => {
    const code = readFileSync(path.join(bundleDir, 'index.mjs'), 'utf8');

    expect(code).toContain('AmazonSQS'); // @aws-sdk/client-sqs, not the runtime's copy
    expect(code).toContain('opensearch-js'); // the client's user agent
    // the chain's other links: SSO, shared INI files, container and instance metadata
    expect(code).not.toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    expect(code).not.toContain('credential_process');
    expect(code).not.toContain('sso_start_url');
  });

  it('stays within its bundle budget', () => {
    expect(statSync(path.join(bundleDir, 'index.mjs')).size).toBeLessThan(budgetOf('index-stream'));
  });

  it('loads in plain Node and exports the handler', () => {
    const probe = `const m = await import(${JSON.stringify(path.join(bundleDir, 'index.mjs'))}); console.log(typeof m.handler);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...placeholderFunctionEnv },
    });

    // stderr may carry the SDK's notice about Node 20; only the outcome matters here.
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('function');
  });
});
