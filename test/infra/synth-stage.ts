import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { projectRoot } from '../../infra/bundling.js';
import type { StageName } from '../../infra/config.js';
import { addSearchApp, type SearchApp } from '../../infra/search-app.js';

/** The feature flags and defaults of cdk.json, so tests synthesize what `cdk synth` does. */
const cdkJsonContext = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8'))
  .context as Record<string, unknown>;

export interface SynthesizedStage extends SearchApp {
  app: App;
  dataTemplate: Template;
  searchTemplate: Template;
  /** Cloud assembly directory (templates for cfn-lint); removed by `dispose`. */
  outdir: string;
  dispose: () => void;
}

export interface SynthOptions {
  /** Run esbuild for every function (slow); by default bundling is skipped. */
  bundle?: boolean;
  context?: Record<string, unknown>;
}

/** Synthesizes one stage into a temporary directory, as `cdk synth -c stage=<stage>` would. */
export function synthStage(stage: StageName, options: SynthOptions = {}): SynthesizedStage {
  const outdir = mkdtempSync(path.join(tmpdir(), `infra-${stage}-`));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext,
      stage,
      // An empty list tells NodejsFunction to skip esbuild for every stack.
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const searchApp = addSearchApp(app);
  app.synth();
  return {
    ...searchApp,
    app,
    dataTemplate: Template.fromStack(searchApp.data),
    searchTemplate: Template.fromStack(searchApp.search),
    outdir,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
