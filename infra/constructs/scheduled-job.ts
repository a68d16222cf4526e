import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, type Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { NodeFunction } from './node-function.js';

export interface JobTrigger {
  /** Construct id of the rule, e.g. `Nightly`. */
  id: string;
  schedule: Schedule;
  description: string;
  /** Event the function receives; the same payload works for a manual `aws lambda invoke`. */
  input: Record<string, unknown>;
}

export interface ScheduledJobProps {
  job: NodeFunction;
  triggers: JobTrigger[];
}

/**
 * A long-running job started by EventBridge schedule rules. It may run past Lambda's 15-minute
 * limit by invoking itself asynchronously with its continuation state, so it gets permission to
 * invoke itself. Rules invoke through a resource-based permission scoped to the rule, so no
 * extra IAM role is involved.
 */
export class ScheduledJob extends Construct {
  readonly rules: Rule[];

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { job } = props;
    job.allowSelfInvoke();
    // One retry covers a transient failure of a run or of one continuation step; anything else
    // raises the error alarm and the next scheduled run starts over (runs are idempotent).
    job.configureAsyncInvoke({ retryAttempts: 1, maxEventAge: Duration.hours(1) });
    this.rules = props.triggers.map(
      (trigger) =>
        new Rule(this, trigger.id, {
          schedule: trigger.schedule,
          description: trigger.description,
          targets: [
            new LambdaFunction(job, {
              event: RuleTargetInput.fromObject(trigger.input),
              retryAttempts: 2,
              maxEventAge: Duration.hours(1),
            }),
          ],
        }),
    );
  }
}
