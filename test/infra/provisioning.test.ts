import { describe, expect, it } from 'vitest';
import { mappingHash } from '../../shared/search-index/mapping.js';
import { flatten } from './cfn-values.js';
import { synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {} });

/** The one provisioning custom resource of the search stack. */
function provisioningResource() {
  const resources = Object.entries(
    stages.dev.searchTemplate.findResources('Custom::SearchProvisioning'),
  );
  expect(resources).toHaveLength(1);
  const [logicalId, resource] = resources[0] as [string, { Properties: Record<string, unknown> }];
  return { logicalId, properties: resource.Properties };
}

describe('deploy-time provisioning (custom resource)', () => {
  it('maps each function role to its fine-grained access control role', () => {
    const { properties } = provisioningResource();
    const roleMappings = properties.roleMappings as Record<string, unknown[]>;
    const roleOf = (name: string) =>
      `<${stages.dev.searchLogicalId(stages.dev.search.functions[name as 'search'].executionRole)}.Arn>`;

    expect(
      Object.fromEntries(
        Object.entries(roleMappings).map(([role, arns]) => [role, arns.map(flatten)]),
      ),
    ).toEqual({
      reader: ['search', 'suggest', 'related', 'refresh-related'].map(roleOf),
      writer: [roleOf('index-stream')],
      admin: [roleOf('reindex')],
    });
  });

  it('carries the mapping hash, so a mapping change runs it again', () => {
    expect(provisioningResource().properties.mappingHash).toBe(mappingHash);
  });

  it('runs the provision function through the Provider framework', () => {
    const { properties } = provisioningResource();
    const frameworks = stages.dev.searchTemplate.findResources('AWS::Lambda::Function', {
      Properties: { Handler: 'framework.onEvent' },
    });
    const [frameworkId, framework] = Object.entries(frameworks)[0] ?? [];
    const provision = stages.dev.searchLogicalId(stages.dev.search.functions.provision);

    expect(Object.keys(frameworks)).toHaveLength(1);
    expect(flatten(properties.ServiceToken)).toBe(`<${frameworkId}.Arn>`);
    expect(flatten(framework?.Properties.Environment.Variables.USER_ON_EVENT_FUNCTION_ARN)).toBe(
      `<${provision}.Arn>`,
    );
  });

  it('tells the provision function whom to sign as and which reindex job to start', () => {
    const env = stages.dev.searchResource(stages.dev.search.functions.provision).Properties
      .Environment.Variables;

    expect(flatten(env.OPENSEARCH_ADMIN_ROLE_ARN)).toBe(
      'arn:<AWS::Partition>:iam::<AWS::AccountId>:role/type1cure-search-dev-opensearch-admin',
    );
    expect(env.REINDEX_FUNCTION_NAME).toBe('type1cure-search-dev-reindex');
  });

  it('is in place before the stream starts feeding the indexer', () => {
    const { logicalId } = provisioningResource();
    const mappingId = stages.dev.searchLogicalId(stages.dev.search.streamIndexer.mapping);
    const mapping = stages.dev.searchTemplate.toJSON().Resources[mappingId];

    expect(mapping.DependsOn).toContain(logicalId);
  });
});
