import { spawnSync } from 'node:child_process';
import {
  ArnFormat,
  AssetHashType,
  DockerImage,
  type Duration,
  RemovalPolicy,
  Stack,
} from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type ConfigKey, ConfigKeys } from '../../shared/config-keys.js';
import { type FunctionName, projectRoot, requireEntry } from '../bundling.js';
import type { StageConfig } from '../config.js';
import {
  acknowledgeCheckov,
  acknowledgeWildcardResource,
  lambdaFunctionReasons,
  logGroupKmsReason,
} from '../nag.js';
import { SemanticLayer } from './semantic-layer.js';

/** DynamoDB table actions a function may be granted, by name (no wildcards). */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'Query'
  | 'Scan'
  | 'DescribeTable';

/**
 * The domain as IAM policies name it: built from its fixed name rather than taken from the data
 * stack, so policies carry a readable ARN instead of a cross-stack reference.
 */
export interface DomainRef {
  name: string;
  arn: string;
}

/** OpenSearch HTTP verbs a function may send to the domain. */
export type DomainHttpAction =
  | 'ESHttpGet'
  | 'ESHttpHead'
  | 'ESHttpPost'
  | 'ESHttpPut'
  | 'ESHttpDelete';

/** Runtime settings by env var name (`shared/config-keys.ts`). */
export type RuntimeEnvironment = Partial<Record<ConfigKey, string>>;

export interface NodeFunctionProps {
  name: FunctionName;
  config: StageConfig;
  description: string;
  memorySize: number;
  timeout: Duration;
  /**
   * Settings `loadConfig` validates at cold start. They are names and URLs, not permissions:
   * access is granted separately and per function with the `grant*`/`bind*` helpers.
   */
  environment: RuntimeEnvironment;
  /** A concurrency cap that also sets it aside from the account pool (public functions). */
  reservedConcurrentExecutions?: number;
}

/**
 * The code of one function: `infra/bundle-function.ts` runs esbuild with the settings of
 * `infra/bundling.ts` (the ones `npm run build` measures) on this machine, never in Docker.
 * The asset is hashed by its output, so an unchanged bundle is not uploaded again.
 */
function functionCode(name: FunctionName, sourceMaps: boolean): Code {
  requireEntry(name);
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('dummy'), // required by the API; local bundling always runs
      local: {
        tryBundle(outputDir) {
          const args = ['--import', 'tsx', 'infra/bundle-function.ts', name, outputDir];
          const result = spawnSync(
            process.execPath,
            sourceMaps ? [...args, '--source-map'] : args,
            {
              cwd: projectRoot,
              stdio: 'inherit',
            },
          );
          if (result.status !== 0) throw new Error(`bundling functions/${name} failed`);
          return true;
        },
      },
    },
  });
}

/**
 * The house Lambda: one `functions/<name>/handler.ts` bundled locally by esbuild, Node.js 24 on
 * arm64, JSON logs into its own log group, Powertools settings, and an IAM role
 * named `<prefix>-<name>` (the domain access policy admits roles by that prefix) that starts
 * with nothing but its own log group. Access is added with the `grant*` helpers (exact actions
 * on exact resources) and the `bind*` helpers, which also set the env var naming the resource.
 */
export class NodeFunction extends LambdaFunction {
  readonly executionRole: IRole;
  /** The physical name as a plain string, usable where a token would create a cycle. */
  private readonly fixedName: string;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const { config, name } = props;
    const functionName = `${config.resourcePrefix}-${name}`;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetentionDays,
      removalPolicy,
    });
    const role = new Role(scope, `${id}Role`, {
      roleName: functionName,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${functionName}`,
    });
    super(scope, id, {
      functionName,
      description: props.description,
      code: functionCode(name, config.sourceMaps),
      handler: 'index.handler',
      // The newest Lambda Node.js runtime (nodejs20.x is deprecated; cdk-nag L1 and cfn-lint
      // W2531 want the latest); the code itself also runs on the local Node 20.
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[config.logLevel],
      // No X-Ray: without instrumented clients a trace showed only the Lambda segment, and the
      // OpenSearch client (node:http) is not one Powertools Tracer captures. Latency is in the
      // API access log, Lambda duration, OpenSearch SearchLatency and the search.query log line.
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: name,
        [ConfigKeys.metricsNamespace]: `Type1Cure/${config.stage}`,
        LOG_LEVEL: config.logLevel,
        ...(config.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      },
    });
    this.executionRole = role;
    this.fixedName = functionName;
    logGroup.grantWrite(role);
    acknowledgeCheckov(logGroup, { CKV_AWS_158: logGroupKmsReason });
    acknowledgeCheckov(this, lambdaFunctionReasons);
  }

  /** Grants exactly `actions` on the table (no indexes exist, so only the table ARN). */
  grantTable(table: ITable, actions: TableAction[]): this {
    table.grant(this, ...actions.map((a) => `dynamodb:${a}`));
    return this;
  }

  /**
   * Allows the given HTTP verbs on the domain. IAM can only scope these to `<domain ARN>/*`:
   * paths such as `_bulk`, `_msearch` and `_aliases` sit at the root and aliases resolve
   * server-side, so per-index limits are enforced by fine-grained access control role mappings
   * instead (see README.md, "Deploy to AWS").
   */
  grantDomainHttp(domain: DomainRef, actions: DomainHttpAction[]): this {
    const paths = `${domain.arn}/*`;
    this.addToRolePolicy(
      new PolicyStatement({ actions: actions.map((a) => `es:${a}`), resources: [paths] }),
    );
    acknowledgeWildcardResource(
      this.executionRole,
      paths,
      'OpenSearch HTTP actions are scoped to the domain ARN + /*, the finest IAM level for them; indices are limited by fine-grained access control',
    );
    return this;
  }

  /** Sets DEAD_LETTER_QUEUE_URL and allows sending to that queue only. */
  bindDeadLetterQueue(queue: IQueue): this {
    return this.bind(
      ConfigKeys.deadLetterQueueUrl,
      queue.queueUrl,
      'sqs:SendMessage',
      queue.queueArn,
    );
  }

  /** Sets OPENSEARCH_DOMAIN_NAME and allows the DescribeDomain control-plane call on it. */
  bindDomainControlPlane(domain: DomainRef): this {
    return this.bind(ConfigKeys.openSearchDomainName, domain.name, 'es:DescribeDomain', domain.arn);
  }

  /**
   * Sets OPENSEARCH_ADMIN_ROLE_ARN and allows assuming that role: the fine-grained access control
   * master user, the only identity that may change security roles.
   */
  bindOpenSearchMasterUser(roleArn: string): this {
    return this.bind(ConfigKeys.openSearchAdminRoleArn, roleArn, 'sts:AssumeRole', roleArn);
  }

  /** Sets REINDEX_FUNCTION_NAME and allows invoking that function (asynchronously, to start it). */
  bindReindexJob(job: NodeFunction): this {
    return this.bind(
      ConfigKeys.reindexFunctionName,
      job.fixedName,
      'lambda:InvokeFunction',
      job.functionArn,
    );
  }

  /**
   * Adds the semantic layer and sets SEMANTIC_MODEL_DIR to its model folder; without them the
   * function ranks lexically. The runtime in the layer (/opt/nodejs/node_modules) is found by
   * CommonJS resolution through Lambda's NODE_PATH, which shared/semantic/embedder.ts uses.
   */
  bindSemanticModel(layer: SemanticLayer): this {
    this.addLayers(layer);
    this.addEnvironment(ConfigKeys.semanticModelDir, SemanticLayer.modelDir);
    return this;
  }

  /** Every bind helper: the env var naming a resource, and the one action allowed on it. */
  private bind(key: ConfigKey, value: string, action: string, resource: string): this {
    this.addEnvironment(key, value);
    this.addToRolePolicy(new PolicyStatement({ actions: [action], resources: [resource] }));
    return this;
  }

  /**
   * Lets a long job continue past Lambda's 15-minute limit by invoking itself asynchronously.
   * The ARN is built from the function *name*: referencing `this.functionArn` from the role's
   * policy would make the policy depend on the function, which already depends on the policy.
   */
  allowSelfInvoke(): this {
    const selfArn = Stack.of(this).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: this.fixedName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [selfArn] }),
    );
    return this;
  }
}
