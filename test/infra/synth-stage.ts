import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll } from 'vitest';
import { projectRoot } from '../../infra/bundling.js';
import type { StageName } from '../../infra/config.js';
import { addSearchApp, type SearchApp } from '../../infra/search-app.js';

/** The feature flags and defaults of cdk.json, so tests synthesize what `cdk synth` does. */
const cdkJsonContext = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8'))
  .context as Record<string, unknown>;

/** A resource of a synthesized template; its properties are untyped JSON. */
export interface CfnJson {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: template JSON, navigated freely in assertions
  Properties: Record<string, any>;
}

/** The logical id of a construct (an L2's default child, or the L1 itself). */
export const logicalIdOf = (stack: Stack, construct: IConstruct): string =>
  stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnResource);

/** The template resource of a construct. */
export function resourceOf(stack: Stack, template: Template, construct: IConstruct): CfnJson {
  const logicalId = logicalIdOf(stack, construct);
  const resource = template.toJSON().Resources?.[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId} for ${construct.node.path}`);
  return resource;
}

export interface SynthesizedStage extends SearchApp {
  app: App;
  dataTemplate: Template;
  searchTemplate: Template;
  /** Cloud assembly directory (templates for cfn-lint); removed by `dispose`. */
  outdir: string;
  /** The synthesized resource of a construct in the search stack. */
  searchResource: (construct: IConstruct) => CfnJson;
  searchLogicalId: (construct: IConstruct) => string;
  dispose: () => void;
}

export interface SynthOptions {
  /** Run esbuild for every function (slow); by default bundling is skipped. */
  bundle?: boolean;
  context?: Record<string, unknown>;
  /** A site-kit build directory to upload (default: none, whatever web/dist holds locally). */
  siteAssets?: Record<string, string>;
}

/** Synthesizes one stage into a temporary directory, as `cdk synth -c stage=<stage>` would. */
export function synthStage(stage: StageName, options: SynthOptions = {}): SynthesizedStage {
  const outdir = mkdtempSync(path.join(tmpdir(), `infra-${stage}-`));
  const siteAssets = path.join(outdir, 'site-assets');
  if (options.siteAssets) {
    mkdirSync(siteAssets);
    for (const [name, text] of Object.entries(options.siteAssets)) {
      writeFileSync(path.join(siteAssets, name), text);
    }
  }
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext,
      stage,
      // An empty list tells NodejsFunction to skip esbuild for every stack.
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      // A directory of the test's own (or none), so a local web/dist never changes the result.
      siteAssets,
      ...options.context,
    },
  });
  const searchApp = addSearchApp(app);
  app.synth();
  const searchTemplate = Template.fromStack(searchApp.search);
  return {
    ...searchApp,
    app,
    dataTemplate: Template.fromStack(searchApp.data),
    searchTemplate,
    outdir,
    searchResource: (construct) => resourceOf(searchApp.search, searchTemplate, construct),
    searchLogicalId: (construct) => logicalIdOf(searchApp.search, construct),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * Synthesizes the given stages once for the calling test file (in `beforeAll`) and disposes them
 * afterwards. A key that is not a stage name (e.g. `prodLarge`) names its `stage` in its options. The returned record is filled in when `beforeAll` runs, so read it inside tests.
 */
export function synthStagesForFile<S extends string>(
  options: { [K in S]: K extends StageName ? SynthOptions : SynthOptions & { stage: StageName } },
): Record<S, SynthesizedStage> {
  const stages = {} as Record<S, SynthesizedStage>;
  const names = Object.keys(options) as S[];
  beforeAll(() => {
    for (const name of names) {
      const opts = options[name] as SynthOptions & { stage?: StageName };
      stages[name] = synthStage(opts.stage ?? (name as StageName), opts);
    }
  });
  afterAll(() => {
    for (const name of names) stages[name]?.dispose();
  });
  return stages;
}
