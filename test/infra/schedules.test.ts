import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/bundling.js';
import { type SynthesizedStage, synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {} });

/** Schedule expression → [function, input] of every EventBridge rule. */
function schedulesOf(stage: SynthesizedStage): Record<string, [FunctionName | undefined, unknown]> {
  const nameOf = Object.fromEntries(
    Object.entries(stage.search.functions).map(([name, fn]) => [stage.searchLogicalId(fn), name]),
  );
  const rules = Object.values(stage.searchTemplate.findResources('AWS::Events::Rule'));
  return Object.fromEntries(
    rules.map((rule) => {
      const [target] = rule.Properties.Targets;
      const fnId = target.Arn['Fn::GetAtt'][0];
      return [rule.Properties.ScheduleExpression, [nameOf[fnId], JSON.parse(target.Input)]];
    }),
  );
}

describe('schedules', () => {
  it('reindex nightly, then refresh related lists, and process neighbour markers every 15 minutes', () => {
    expect(schedulesOf(stages.dev)).toEqual({
      'cron(0 2 * * ? *)': ['reindex', { trigger: 'schedule' }],
      'cron(0 4 * * ? *)': ['refresh-related', { mode: 'full' }],
      'rate(15 minutes)': ['refresh-related', { mode: 'markers' }],
    });
  });

  it('retry delivery of a scheduled event for at most an hour', () => {
    for (const rule of Object.values(
      stages.dev.searchTemplate.findResources('AWS::Events::Rule'),
    )) {
      expect(rule.Properties.State).toBe('ENABLED');
      expect(rule.Properties.Targets[0].RetryPolicy).toEqual({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 3600,
      });
    }
  });

  it.each(['reindex', 'refresh-related'] as const)(
    'retry a failed asynchronous %s run (or continuation) once',
    (name) => {
      stages.dev.searchTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: stages.dev.searchLogicalId(stages.dev.search.functions[name]) },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 3600,
      });
    },
  );

  it('output the job function names for manual runs', () => {
    for (const [output, name] of [
      ['ReindexFunctionName', 'reindex'],
      ['RefreshRelatedFunctionName', 'refresh-related'],
    ] as const) {
      expect(stages.dev.searchTemplate.findOutputs(output)[output]?.Value).toEqual({
        Ref: stages.dev.searchLogicalId(stages.dev.search.functions[name]),
      });
    }
  });
});
