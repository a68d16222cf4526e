import { CustomResource, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import {
  acknowledgeCheckov,
  acknowledgeWildcardResource,
  lambdaFunctionReasons,
  logGroupKmsReason,
} from '../nag.js';
import type { NodeFunction } from './node-function.js';

/** Fine-grained access control roles (shared/search-index/security-roles.ts) and who holds each. */
export type OpenSearchRoleHolders = Record<'reader' | 'writer' | 'admin', IRole[]>;

export interface SearchProvisioningProps {
  config: StageConfig;
  /** The `provision` function (functions/provision/handler.ts). */
  handler: NodeFunction;
  /** The fine-grained access control master user the handler signs as. */
  masterUserRoleArn: string;
  /** The reindex job, started when the live generation has an older mapping. */
  reindex: NodeFunction;
  roleHolders: OpenSearchRoleHolders;
  /**
   * The mapping hash the functions were bundled with: a property only so that a mapping change
   * updates the resource and so runs the handler again.
   */
  mappingHash: string;
}

/**
 * What a deploy must do inside OpenSearch, as a custom resource (CDK Provider framework): map the
 * functions' roles to least-privilege roles, create the first index generation and its aliases,
 * and start a full reindex after a mapping change. It runs on every create and on every update of
 * its properties (role holders, mapping hash); a delete leaves roles and data alone.
 */
export class SearchProvisioning extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: SearchProvisioningProps) {
    super(scope, id);
    const { config, handler } = props;
    handler.bindOpenSearchMasterUser(props.masterUserRoleArn).bindReindexJob(props.reindex);
    // The framework function's own role: its log group and invoking the handler, nothing else
    // (the default role carries the AWSLambdaBasicExecutionRole managed policy).
    const frameworkLogs = new LogGroup(this, 'ProviderLogs', {
      retention: config.logRetentionDays,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const frameworkRole = new Role(this, 'ProviderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `CDK custom resource framework of ${config.resourcePrefix} provisioning`,
    });
    frameworkLogs.grantWrite(frameworkRole);
    const provider = new Provider(this, 'Provider', {
      onEventHandler: handler,
      logGroup: frameworkLogs,
      frameworkOnEventRole: frameworkRole,
    });
    acknowledgeCheckov(frameworkLogs, { CKV_AWS_158: logGroupKmsReason });
    acknowledgeCheckov(provider.node.findChild('framework-onEvent'), lambdaFunctionReasons);
    // The framework grants itself lambda:InvokeFunction on the handler and its versions.
    acknowledgeWildcardResource(
      frameworkRole,
      `${handler.functionArn}:*`,
      'The CDK Provider framework may invoke any version of the one provisioning handler; versions need the :* suffix',
    );
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::SearchProvisioning',
      properties: {
        roleMappings: Object.fromEntries(
          Object.entries(props.roleHolders).map(([role, holders]) => [
            role,
            holders.map((h) => h.roleArn),
          ]),
        ),
        mappingHash: props.mappingHash,
      },
    });
  }
}
