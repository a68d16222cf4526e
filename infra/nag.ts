import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
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

/**
 * Acknowledges checkov findings on `construct`'s CloudFormation resource, each with its reason,
 * in the resource's `Metadata.checkov.skip` where checkov reads them (test/infra/checkov.test.ts).
 */
export function acknowledgeCheckov(construct: IConstruct, reasons: Record<string, string>) {
  const resource = (construct.node.defaultChild ?? construct) as CfnResource;
  const skip = Object.entries(reasons).map(([id, comment]) => ({ id, comment }));
  const earlier = resource.getMetadata('checkov') as { skip: typeof skip } | undefined;
  resource.addMetadata('checkov', { skip: [...(earlier?.skip ?? []), ...skip] });
}

/** Why no log group here has a customer-managed key (checkov CKV_AWS_158). */
export const logGroupKmsReason =
  'CloudWatch Logs encrypts every log group at rest with service keys; these logs hold request ' +
  'metadata and errors, never article drafts or personal data, so a customer key adds cost only';

/** Why checkov's Lambda checks do not apply to this app's functions (every one of them). */
export const lambdaFunctionReasons: Record<string, string> = {
  CKV_AWS_116:
    'No async invocation loses events here: API functions are invoked synchronously (the caller sees the error), the stream indexer has its own dead-letter queue and on-failure destination, and the scheduled jobs alarm on errors and re-run on the next schedule',
  CKV_AWS_117:
    'Nothing to reach inside a VPC: OpenSearch is reached over HTTPS with SigV4 and fine-grained access control, DynamoDB and SQS through their public endpoints with IAM; a VPC would add NAT cost and cold-start time only',
  CKV_AWS_115:
    'Concurrency is bounded where requests enter: HTTP API stage throttling (rate and burst per stage config) and one batch per stream shard; reserved concurrency would carve the account pool without protecting anything more',
  CKV_AWS_173:
    'The environment holds resource names, URLs and log settings only, no secrets; Lambda encrypts it at rest with its service key',
};
