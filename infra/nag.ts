import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

type CfnValue =
  | string
  | { Ref: string }
  | { 'Fn::GetAtt': [string, string] }
  | { 'Fn::Join': [string, CfnValue[]] };

/**
 * Flattens a resolved value the way cdk-nag names findings: `{Ref: X}` becomes `<X>`,
 * `{Fn::GetAtt: [X, Arn]}` becomes `<X.Arn>`.
 */
function flatten(value: CfnValue): string {
  if (typeof value === 'string') return value;
  if ('Ref' in value) return `<${value.Ref}>`;
  if ('Fn::GetAtt' in value) return `<${value['Fn::GetAtt'].join('.')}>`;
  const [delimiter, parts] = value['Fn::Join'];
  return parts.map(flatten).join(delimiter);
}

/**
 * Acknowledges cdk-nag's wildcard finding (AwsSolutions-IAM5) for exactly one resource pattern
 * on `construct`: the acknowledgement names the pattern, so any other wildcard still fails.
 * `arn` must be built from strings, pseudo parameters (Stack.formatArn) and attributes.
 */
export function acknowledgeWildcardResource(construct: IConstruct, arn: string, reason: string) {
  const resource = flatten(Stack.of(construct).resolve(arn) as CfnValue);
  Validations.of(construct).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}
