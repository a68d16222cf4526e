import * as z from '../zod.js';
import type { ProvisionRequest } from './provision-search.js';
import { securityRoleNames } from './security-roles.js';

const roleArns = z.array(z.string().check(z.startsWith('arn:')));

/**
 * The CloudFormation custom resource event as the CDK Provider framework hands it over: the
 * resource properties set in infra/constructs/search-provisioning.ts. `mappingHash` is there only
 * so that a mapping change updates the resource (and so runs the handler); the handler compares
 * the live generation with the mapping it was bundled with.
 */
const provisionEventSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  PhysicalResourceId: z.optional(z.string()),
  ResourceProperties: z.object({
    // every role, each with its IAM role ARNs (an enum-keyed record is exhaustive in zod 4)
    roleMappings: z.record(z.enum(securityRoleNames), roleArns),
    mappingHash: z.string(),
  }),
});

export function parseProvisionEvent(event: unknown): ProvisionRequest {
  const { RequestType, ResourceProperties } = provisionEventSchema.parse(event);
  return { requestType: RequestType, roleMappings: ResourceProperties.roleMappings };
}
