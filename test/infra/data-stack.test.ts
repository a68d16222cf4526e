import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { flatten } from './cfn-values.js';
import { synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({
  dev: {},
  prod: {},
  prodLarge: { stage: 'prod', context: { profile: 'large' } },
});

/** `arn:${Partition}:…` as CDK renders it (Fn::Join over pseudo parameters). */
const arnEndingWith = (suffix: string) =>
  Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`${suffix}$`)])] });

describe('article table', () => {
  it('is keyed by id, on demand, encrypted with KMS, with PITR and a NEW_AND_OLD_IMAGES stream', () => {
    stages.dev.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('is retained and deletion-protected in prod only', () => {
    const articles = { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] };
    stages.prod.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ ...articles, DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    stages.dev.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ ...articles, DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });
});

describe('related-lists table', () => {
  it('is keyed by articleId and expires items through the expiresAt TTL attribute', () => {
    stages.prod.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'articleId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: Match.absent(),
      }),
      // A cache: it is rebuilt, never retained.
      DeletionPolicy: 'Delete',
    });
  });
});

describe('OpenSearch domain', () => {
  it('runs OpenSearch 2.19, encrypted at rest and between nodes, HTTPS only with TLS 1.2+', () => {
    stages.dev.dataTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
      DomainName: 'type1cure-search-dev',
      EngineVersion: 'OpenSearch_2.19',
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: {
        EnforceHTTPS: true,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10',
      },
    });
  });

  it('uses fine-grained access control with the IAM admin role as master user', () => {
    const template = stages.dev.dataTemplate;
    const [adminRole] = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: { RoleName: 'type1cure-search-dev-opensearch-admin' },
      }),
    );
    template.hasResourceProperties('AWS::OpenSearchService::Domain', {
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: false,
        MasterUserOptions: { MasterUserARN: { 'Fn::GetAtt': [adminRole, 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'type1cure-search-dev-opensearch-admin',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: arnEndingWith(':root') },
            Action: 'sts:AssumeRole',
          }),
        ],
      },
    });
  });

  it("admits only this app's roles in this account, with explicit HTTP verbs", () => {
    const domain = Object.values(
      stages.dev.dataTemplate.findResources('AWS::OpenSearchService::Domain'),
    )[0];
    const statements = domain?.Properties.AccessPolicies.Statement;

    expect(statements).toHaveLength(1);
    expect(statements[0]).toEqual({
      Effect: 'Allow',
      Principal: { AWS: expect.objectContaining({ 'Fn::Join': expect.any(Array) }) },
      Action: [
        'es:ESHttpGet',
        'es:ESHttpHead',
        'es:ESHttpPost',
        'es:ESHttpPut',
        'es:ESHttpDelete',
        'es:ESHttpPatch',
      ],
      Resource: expect.anything(),
      Condition: { ArnLike: { 'aws:PrincipalArn': expect.anything() } },
    });
    expect(flatten(statements[0].Principal.AWS)).toBe(
      'arn:<AWS::Partition>:iam::<AWS::AccountId>:root',
    );
    expect(flatten(statements[0].Condition.ArnLike['aws:PrincipalArn'])).toBe(
      'arn:<AWS::Partition>:iam::<AWS::AccountId>:role/type1cure-search-dev-*',
    );
    expect(flatten(statements[0].Resource)).toBe(
      'arn:<AWS::Partition>:es:<AWS::Region>:<AWS::AccountId>:domain/type1cure-search-dev/*',
    );
  });

  it('publishes slow search, slow index and application logs to retained-by-stage log groups', () => {
    for (const stage of [stages.dev, stages.prod]) {
      stage.dataTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        LogPublishingOptions: {
          SEARCH_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: Match.anyValue() },
          INDEX_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: Match.anyValue() },
          ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: Match.anyValue() },
        },
      });
    }
    stages.dev.dataTemplate.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 14 },
      3,
    );
    stages.prod.dataTemplate.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 90 },
      3,
    );
  });

  it('lets only this domain write its logs, through a native resource policy', () => {
    const policy = Object.values(
      stages.dev.dataTemplate.findResources('AWS::Logs::ResourcePolicy'),
    )[0];
    const document = JSON.stringify(policy?.Properties.PolicyDocument);

    expect(document).toContain('es.amazonaws.com');
    expect(document).toContain('aws:SourceAccount');
    expect(document).toMatch(/aws:SourceArn.*:domain\/type1cure-search-dev\\"/);
    stages.dev.dataTemplate.resourceCountIs('Custom::OpenSearchAccessPolicy', 0);
    stages.dev.dataTemplate.resourceCountIs('Custom::CloudwatchLogResourcePolicy', 0);
    stages.dev.dataTemplate.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('is one small node in dev', () => {
    stages.dev.dataTemplate.hasResource('AWS::OpenSearchService::Domain', {
      Properties: Match.objectLike({
        ClusterConfig: {
          InstanceCount: 1,
          InstanceType: 't3.medium.search',
          DedicatedMasterEnabled: false,
          ZoneAwarenessEnabled: false,
          MultiAZWithStandbyEnabled: false,
        },
        EBSOptions: { EBSEnabled: true, VolumeSize: 10, VolumeType: 'gp3' },
      }),
      DeletionPolicy: 'Delete',
    });
  });

  it.each([
    {
      profile: 'prod (small, the default): two medium nodes in two AZs, no dedicated masters',
      stage: 'prod' as const,
      cluster: {
        InstanceCount: 2,
        InstanceType: 'm7g.medium.search',
        DedicatedMasterEnabled: false,
        ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
      },
      volumeSize: 20,
    },
    {
      profile: 'prod large: three AZs with three dedicated masters',
      stage: 'prodLarge' as const,
      cluster: {
        InstanceCount: 3,
        InstanceType: 'r7g.large.search',
        DedicatedMasterEnabled: true,
        DedicatedMasterCount: 3,
        DedicatedMasterType: 'm7g.large.search',
        ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
      },
      volumeSize: 50,
    },
  ])('sizes $profile, and is retained', ({ stage, cluster, volumeSize }) => {
    stages[stage].dataTemplate.hasResource('AWS::OpenSearchService::Domain', {
      Properties: Match.objectLike({
        ClusterConfig: { ...cluster, ZoneAwarenessEnabled: true, MultiAZWithStandbyEnabled: false },
        EBSOptions: { EBSEnabled: true, VolumeSize: volumeSize, VolumeType: 'gp3' },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('takes service software updates in the off-peak window', () => {
    stages.dev.dataTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
      OffPeakWindowOptions: { Enabled: true },
      SoftwareUpdateOptions: { AutoSoftwareUpdateEnabled: true },
    });
  });
});

describe('data stack', () => {
  it('outputs the table names, domain endpoint and admin role', () => {
    for (const output of [
      'ArticlesTableName',
      'RelatedTableName',
      'DomainName',
      'DomainEndpoint',
      'OpenSearchAdminRoleArn',
    ]) {
      stages.dev.dataTemplate.hasOutput(output, {});
    }
  });

  it('is protected from deletion in prod', () => {
    expect(stages.prod.data.terminationProtection).toBe(true);
    expect(stages.dev.data.terminationProtection).toBe(false);
  });
});
