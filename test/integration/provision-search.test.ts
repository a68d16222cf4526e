import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../../shared/clients/opensearch.js';
import { type ReindexReport, runReindex } from '../../shared/ingest/reindex.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { parseProvisionEvent } from '../../shared/search-index/provision-event.js';
import { provisionSearch } from '../../shared/search-index/provision-search.js';
import { type SecurityRecorder, startSecurityRecorder } from '../helpers/security-recorder.js';
import { createTestStack, reindexDepsOf, type TestStack } from '../helpers/test-stack.js';

const role = (name: string) => `arn:aws:iam::123456789012:role/type1cure-search-dev-${name}`;
const roleMappings = {
  reader: [role('suggest'), role('search')],
  writer: [role('index-stream')],
  admin: [role('reindex')],
};

/** A custom resource event as the CDK Provider framework passes it on. */
const event = (RequestType: 'Create' | 'Update' | 'Delete') => ({
  RequestType,
  ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
  ResponseURL: 'https://example.org/response',
  StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Type1CureSearch-dev/1',
  RequestId: 'r-1',
  LogicalResourceId: 'Provisioning',
  ResourceType: 'AWS::CloudFormation::CustomResource',
  ...(RequestType === 'Create' ? {} : { PhysicalResourceId: 'articles-provisioning' }),
  ResourceProperties: { ServiceToken: 'x', roleMappings, mappingHash: 'ignored' },
});

describe('provisioning custom resource', () => {
  let stack: TestStack;
  let recorder: SecurityRecorder;
  let client: OpenSearchClient;
  let admin: IndexAdmin;
  const reindexes: ReindexReport[] = [];

  /** Runs the handler's core as the deployed function does, through the recorder. */
  const provision = (type: 'Create' | 'Update' | 'Delete') =>
    provisionSearch(
      {
        client,
        admin,
        // The deployed function queues the reindex job; here it runs to the end before returning.
        startReindex: async () => {
          reindexes.push(await runReindex({ ...reindexDepsOf(stack), client, admin }));
        },
      },
      parseProvisionEvent(event(type)),
    );

  beforeAll(async () => {
    stack = await createTestStack('provision');
    recorder = await startSecurityRecorder(stack.config.openSearch.url);
    client = createOpenSearchClient({
      openSearch: { url: recorder.url, auth: 'none' },
      region: 'x',
    });
    // A fresh alias family: the test stack already provisioned its own one the local way.
    admin = new IndexAdmin(client, `${stack.name}-fresh`);
  });

  afterAll(async () => {
    await client?.close();
    await recorder?.close();
    await stack?.close();
  });

  it('on create maps the roles through the security API, least privilege per family', async () => {
    await provision('Create');

    const alias = admin.alias;
    expect(recorder.requests).toEqual([
      {
        method: 'PUT',
        path: `/_plugins/_security/api/roles/${alias}_reader`,
        body: {
          cluster_permissions: ['cluster_composite_ops_ro'],
          index_permissions: [{ index_patterns: [`${alias}*`], allowed_actions: ['read'] }],
        },
      },
      {
        method: 'PUT',
        path: `/_plugins/_security/api/rolesmapping/${alias}_reader`,
        body: { backend_roles: [role('search'), role('suggest')] },
      },
      {
        method: 'PUT',
        path: `/_plugins/_security/api/roles/${alias}_writer`,
        body: {
          cluster_permissions: ['cluster_composite_ops'],
          index_permissions: [
            {
              index_patterns: [`${alias}*`],
              allowed_actions: ['write', 'indices:admin/aliases/get'],
            },
          ],
        },
      },
      {
        method: 'PUT',
        path: `/_plugins/_security/api/rolesmapping/${alias}_writer`,
        body: { backend_roles: [role('index-stream')] },
      },
      {
        method: 'PUT',
        path: `/_plugins/_security/api/roles/${alias}_admin`,
        body: {
          cluster_permissions: [
            'cluster_composite_ops',
            'cluster_monitor',
            'cluster_manage_index_templates',
          ],
          index_permissions: [{ index_patterns: [`${alias}*`], allowed_actions: ['indices_all'] }],
        },
      },
      {
        method: 'PUT',
        path: `/_plugins/_security/api/rolesmapping/${alias}_admin`,
        body: { backend_roles: [role('reindex')] },
      },
    ]);
  });

  it('on create makes the first generation live behind the read and write aliases', async () => {
    const live = await admin.liveGeneration();

    expect(live).toMatch(new RegExp(`^${admin.alias}-g`));
    expect(await admin.indicesOf(admin.names.write)).toEqual([live]);
    expect(await admin.writeTargets()).toEqual([live]);
    expect(reindexes).toEqual([]);
  });

  it('on an update with the same mapping changes nothing but the roles', async () => {
    const before = await admin.liveGeneration();
    recorder.requests.length = 0;

    const result = await provision('Update');

    expect(result).toEqual({
      securityRoles: ['reader', 'writer', 'admin'].map((r) => `${admin.alias}_${r}`),
      liveGeneration: before,
      reindexStarted: false,
    });
    expect(recorder.requests).toHaveLength(6);
    expect(reindexes).toEqual([]);
  });

  it('on an update after a mapping change starts a full reindex that replaces the generation', async () => {
    const live = (await admin.liveGeneration()) as string;
    const mapping = await client.indices.getMapping({ index: live });
    const meta = mapping.body[live]?.mappings._meta as Record<string, string>;
    await client.indices.putMapping({
      index: live,
      body: { _meta: { ...meta, mappingHash: '0ldmap00' } },
    });

    const result = await provision('Update');

    expect(result).toMatchObject({ liveGeneration: live, reindexStarted: true });
    expect(reindexes).toHaveLength(1);
    expect(reindexes[0]).toMatchObject({
      status: 'promoted',
      replaces: live,
      mappingChanged: true,
    });
    expect(await admin.ensureLive()).toEqual({ index: reindexes[0]?.generation, stale: false });
  });

  it('on delete leaves roles, indices and aliases alone', async () => {
    const live = await admin.liveGeneration();
    recorder.requests.length = 0;

    expect(await provision('Delete')).toEqual({ securityRoles: [], reindexStarted: false });
    expect(recorder.requests).toEqual([]);
    expect(await admin.liveGeneration()).toBe(live);
  });

  it('rejects an event without every role mapping', () => {
    const incomplete = event('Create');
    incomplete.ResourceProperties.roleMappings = { reader: [], writer: [] } as never;

    expect(() => parseProvisionEvent(incomplete)).toThrow(/admin/);
  });
});
