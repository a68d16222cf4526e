import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import {
  AccountRootPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { LogGroup, ResourcePolicy } from 'aws-cdk-lib/aws-logs';
import {
  type CfnDomain,
  Domain,
  EngineVersion,
  TLSSecurityPolicy,
} from 'aws-cdk-lib/aws-opensearchservice';
import { Construct, type IConstruct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledgeCheckov, acknowledgeWildcardResource, logGroupKmsReason } from '../nag.js';

/** Every OpenSearch HTTP verb; the access policy lists them instead of `es:ESHttp*`. */
const httpActions = [
  'ESHttpGet',
  'ESHttpHead',
  'ESHttpPost',
  'ESHttpPut',
  'ESHttpDelete',
  'ESHttpPatch',
];

/**
 * The OpenSearch Service 2.19 domain: encrypted at rest and between nodes, HTTPS only with TLS
 * 1.2+, fine-grained access control whose master user is an IAM admin role, slow and application
 * logs in CloudWatch, sized per stage. Its access policy admits only IAM roles of this app
 * (names starting with the stage's resource prefix) in this account.
 */
export class SearchDomain extends Construct {
  /** The domain's ARN, built from its name (usable before, or without, a domain object). */
  static arnFor(scope: IConstruct, domainName: string): string {
    return Stack.of(scope).formatArn({
      service: 'es',
      resource: 'domain',
      resourceName: domainName,
    });
  }

  /** The ARN of the fine-grained access control master user role, built from its fixed name. */
  static masterUserRoleArnFor(scope: IConstruct, resourcePrefix: string): string {
    return Stack.of(scope).formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `${resourcePrefix}-opensearch-admin`,
    });
  }

  readonly domain: Domain;
  /** FGAC master user: operators assume it to map roles and for manual maintenance. */
  readonly adminRole: Role;

  constructor(scope: Construct, id: string, { config }: { config: StageConfig }) {
    super(scope, id);
    const stack = Stack.of(this);
    const { domainName } = config;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // Built from the name, not from the domain's attributes: the domain's own access policy and
    // the log policy it waits for cannot reference the domain without a cycle.
    const domainArn = SearchDomain.arnFor(this, domainName);
    const appRoles = stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `${config.resourcePrefix}-*`,
    });

    this.adminRole = new Role(this, 'AdminRole', {
      roleName: `${config.resourcePrefix}-opensearch-admin`,
      assumedBy: new AccountRootPrincipal(),
      maxSessionDuration: Duration.hours(1),
      description: `Fine-grained access control master user of ${domainName}`,
    });
    this.adminRole.addToPolicy(
      new PolicyStatement({
        actions: httpActions.map((a) => `es:${a}`),
        resources: [`${domainArn}/*`],
      }),
    );
    this.adminRole.addToPolicy(
      new PolicyStatement({ actions: ['es:DescribeDomain'], resources: [domainArn] }),
    );

    const logGroup = (name: string) =>
      new LogGroup(this, name, { retention: config.logRetentionDays, removalPolicy });
    const slowSearchLogGroup = logGroup('SlowSearchLogs');
    const slowIndexLogGroup = logGroup('SlowIndexLogs');
    const appLogGroup = logGroup('AppLogs');
    for (const group of [slowSearchLogGroup, slowIndexLogGroup, appLogGroup]) {
      acknowledgeCheckov(group, { CKV_AWS_158: logGroupKmsReason });
    }
    // The CDK default creates this policy with a custom resource (a Lambda); a native
    // AWS::Logs::ResourcePolicy does the same job without one.
    const logsPolicy = new ResourcePolicy(this, 'LogsPolicy', {
      resourcePolicyName: `${config.resourcePrefix}-opensearch-logs`,
      policyStatements: [
        new PolicyStatement({
          principals: [new ServicePrincipal('es.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [slowSearchLogGroup, slowIndexLogGroup, appLogGroup].map((g) => g.logGroupArn),
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account },
            ArnLike: { 'aws:SourceArn': domainArn },
          },
        }),
      ],
    });

    const { domain: sizing } = config;
    this.domain = new Domain(this, 'Domain', {
      domainName,
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: {
        dataNodes: sizing.dataNodes,
        dataNodeInstanceType: sizing.dataNodeInstanceType,
        masterNodes: sizing.masterNodes,
        masterNodeInstanceType: sizing.masterNodeInstanceType,
        // Standby needs copies in multiples of three (two replicas per index); our indices
        // keep one replica, so plain zone awareness spreads primaries and replicas instead.
        multiAzWithStandbyEnabled: false,
      },
      zoneAwareness:
        sizing.availabilityZones > 1
          ? { enabled: true, availabilityZoneCount: sizing.availabilityZones }
          : { enabled: false },
      ebs: { volumeSize: sizing.volumeSizeGiB, volumeType: EbsDeviceVolumeType.GP3 },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2_PFS,
      fineGrainedAccessControl: { masterUserArn: this.adminRole.roleArn },
      logging: {
        slowSearchLogEnabled: true,
        slowSearchLogGroup,
        slowIndexLogEnabled: true,
        slowIndexLogGroup,
        appLogEnabled: true,
        appLogGroup,
      },
      suppressLogsResourcePolicy: true,
      // Service software updates happen in the nightly off-peak window; the reindex job checks
      // DescribeDomain and postpones itself while one is in progress.
      offPeakWindowEnabled: true,
      enableAutoSoftwareUpdate: true,
      removalPolicy,
    });
    this.domain.node.addDependency(logsPolicy);
    acknowledgeCheckov(this.domain, {
      CKV_AWS_317:
        "Every write reaches the domain through the versioned articles API and the stream indexer (both logged), and the only principals are this stack's roles; OpenSearch audit logs would duplicate that at extra cost. Slow and application logs are on",
    });

    // Set on the L1 resource: the L2 `accessPolicies` prop deploys a custom resource (a Lambda
    // with its own role) to work around the self-reference that the name-built ARN avoids.
    const cfnDomain = this.domain.node.defaultChild as CfnDomain;
    cfnDomain.accessPolicies = new PolicyDocument({
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          principals: [new AccountRootPrincipal()],
          actions: httpActions.map((a) => `es:${a}`),
          resources: [`${domainArn}/*`],
          conditions: { ArnLike: { 'aws:PrincipalArn': appRoles } },
        }),
      ],
    }).toJSON();

    const acknowledge = (rule: string, reason: string) =>
      Validations.of(this.domain).acknowledge({ id: `AwsSolutions-${rule}`, reason });
    acknowledge(
      'OS1',
      "Public endpoint by design: every request is SigV4-signed, admitted only for this app's roles and authorized again by fine-grained access control; a VPC would add NAT or endpoints to every function",
    );
    acknowledge(
      'OS3',
      'Access is granted to IAM principals, not IP ranges; Lambda has no fixed source IPs',
    );
    if (sizing.masterNodes === 0) {
      acknowledge(
        'OS4',
        config.profile === 'single-node'
          ? `Stage ${config.stage} runs one data node to keep cost low; the large prod profile has dedicated masters`
          : `Profile ${config.profile}: two data nodes elect the cluster manager among themselves to halve the cost; -c profile=large adds three dedicated masters`,
      );
    }
    if (sizing.availabilityZones === 1) {
      acknowledge(
        'OS7',
        `Stage ${config.stage} runs one data node, so there is no second zone; prod spans two or three AZs`,
      );
    }
    acknowledgeWildcardResource(
      this.adminRole,
      `${domainArn}/*`,
      'OpenSearch HTTP actions are scoped to the domain ARN + /*, the finest IAM level for them',
    );
  }
}
