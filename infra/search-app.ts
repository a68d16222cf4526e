import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ContextKeys, type StageConfig, stageConfigFromContext } from './config.js';
import { DataStack } from './stacks/data-stack.js';
import { SearchStack } from './stacks/search-stack.js';

export interface SearchApp {
  config: StageConfig;
  data: DataStack;
  search: SearchStack;
}

/**
 * Adds one stage of the service to `app`: the data stack and the search stack that uses it. Stacks are
 * environment-agnostic unless `-c account=… -c region=…` pins them, so synth needs no AWS
 * credentials.
 */
export function addSearchApp(app: App): SearchApp {
  const config = stageConfigFromContext(app.node);
  const account = app.node.tryGetContext(ContextKeys.account);
  const region = app.node.tryGetContext(ContextKeys.region);
  const env = account || region ? { account, region } : undefined;
  const stackName = (what: string) => `Type1Cure${what}-${config.stage}`;

  const data = new DataStack(app, stackName('Data'), {
    env,
    config,
    description: `Type1Cure search ${config.stage}: article tables and OpenSearch domain`,
    terminationProtection: config.retainData,
  });
  const search = new SearchStack(app, stackName('Search'), {
    env,
    config,
    articlesTable: data.articlesTable,
    relatedTable: data.relatedTable,
    domain: data.domain,
    description: `Type1Cure search ${config.stage}: functions, HTTP API, schedules, alarms`,
    terminationProtection: config.retainData,
  });
  Tags.of(app).add('app', 'type1cure-search');
  Tags.of(app).add('stage', config.stage);
  return { config, data, search };
}

/**
 * Registers cdk-nag's AwsSolutions pack as a synth-time validation plugin: any finding that is
 * not acknowledged next to its resource (with a reason) fails `cdk synth`.
 */
export function checkWithCdkNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
