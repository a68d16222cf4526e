import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type ApiRoute, apiCors, apiRoutes } from '../../shared/api-routes.js';
import type { StageConfig } from '../config.js';
import { acknowledgeCheckov, logGroupKmsReason } from '../nag.js';
import { pascalCase } from '../pascal-case.js';

export interface SearchApiProps {
  config: StageConfig;
  /** The function behind each route's `entry` (shared/api-routes.ts, also read by the local gateway). */
  functions: Record<ApiRoute['entry'], IFunction>;
}

/** One JSON access-log line per request, enough to trace a slow or failed call. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    caller: '$context.identity.userArn',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The HTTP API (API Gateway v2): public read routes for the site, with CORS limited to the
 * configured origins, and admin article routes behind IAM (SigV4) authorization. One `$default`
 * stage with throttling and JSON access logs.
 */
export class SearchApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: SearchApiProps) {
    super(scope, id);
    const { config } = props;
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `${config.resourcePrefix}-api`,
      description: 'Type1Cure search, suggestions, related articles and article admin',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: config.corsOrigins,
        allowMethods: apiCors.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...apiCors.allowHeaders],
        maxAge: Duration.seconds(apiCors.maxAgeSeconds),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledgeCheckov(accessLogs, { CKV_AWS_158: logGroupKmsReason });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.api.rateLimit, burstLimit: config.api.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: accessLogFormat,
      },
    });

    // One integration per function, shared by its routes; admin routes need SigV4 (IAM).
    const integrations = new Map<ApiRoute['entry'], HttpLambdaIntegration>();
    const integrationFor = (entry: ApiRoute['entry']) => {
      const existing = integrations.get(entry);
      if (existing) return existing;
      const created = new HttpLambdaIntegration(pascalCase(entry), props.functions[entry]);
      integrations.set(entry, created);
      return created;
    };
    const iam = new HttpIamAuthorizer();
    const publicRoutes: HttpRoute[] = [];
    const allRoutes: HttpRoute[] = [];
    for (const route of apiRoutes) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.entry),
        ...(route.access === 'admin' ? { authorizer: iam } : {}),
      });
      allRoutes.push(...added);
      if (route.access === 'public') publicRoutes.push(...added);
    }
    this.throttleRoutes(config, allRoutes);
    suppressPublicRouteFindings(publicRoutes);
  }

  /**
   * Per-route throttles (the L2 stage only sets the stage-wide default). API Gateway rejects
   * settings for a route key that does not exist yet, so the stage waits for the routes.
   */
  private throttleRoutes(config: StageConfig, routes: HttpRoute[]): void {
    const routeKeys = new Set(apiRoutes.map((r) => `${r.method} ${r.path}`));
    const unknown = Object.keys(config.api.routeThrottles).filter((key) => !routeKeys.has(key));
    if (unknown.length > 0) throw new Error(`throttles for unknown routes: ${unknown.join(', ')}`);
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    // A JSON map in CloudFormation: keys in its own casing
    cfnStage.routeSettings = Object.fromEntries(
      Object.entries(config.api.routeThrottles).map(([key, t]) => [
        key,
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
      ]),
    );
    for (const route of routes) cfnStage.node.addDependency(route);
  }

  /** Base URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }
}

function suppressPublicRouteFindings(routes: HttpRoute[]): void {
  for (const route of routes) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public, read-only site route by design (anonymous visitors search); protected by stage throttling',
    });
  }
}
