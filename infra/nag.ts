import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

type CfnValue = string | { Ref: string } | { 'Fn::Join': [string, CfnValue[]] };

/** Flattens a resolved value the way cdk-nag names findings: `{Ref: X}` becomes `<X>`. */
function flatten(value: CfnValue): string {
  if (typeof value === 'string') return value;
  if ('Ref' in value) return `<${value.Ref}>`;
  const [delimiter, parts] = value['Fn::Join'];
  return parts.map(flatten).join(delimiter);
}

/**
 * Acknowledges cdk-nag's wildcard finding (AwsSolutions-IAM5) for exactly one resource pattern
 * on `construct`: the acknowledgement names the pattern, so any other wildcard still fails.
 * `arn` must be built from strings and pseudo parameters (Stack.formatArn).
 */
export function acknowledgeWildcardResource(construct: IConstruct, arn: string, reason: string) {
  const resource = flatten(Stack.of(construct).resolve(arn) as CfnValue);
  Validations.of(construct).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}
