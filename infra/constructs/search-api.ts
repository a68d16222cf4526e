import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
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
import type { StageConfig } from '../config.js';

export interface SearchApiProps {
  config: StageConfig;
  search: IFunction;
  suggest: IFunction;
  related: IFunction;
  openapi: IFunction;
  /** Admin article CRUD, reachable only with SigV4-signed requests. */
  articles: IFunction;
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
      // Browsers only need the public GETs; admin calls come from signed CLI/SDK clients.
      corsPreflight: {
        allowOrigins: config.corsOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.OPTIONS],
        allowHeaders: ['content-type'],
        maxAge: Duration.days(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
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

    const integration = (fnId: string, fn: IFunction) => new HttpLambdaIntegration(fnId, fn);
    const publicRoutes = [
      ...this.api.addRoutes({
        path: '/search',
        methods: [HttpMethod.GET],
        integration: integration('Search', props.search),
      }),
      ...this.api.addRoutes({
        path: '/suggest',
        methods: [HttpMethod.GET],
        integration: integration('Suggest', props.suggest),
      }),
      ...this.api.addRoutes({
        path: '/articles/{id}/related',
        methods: [HttpMethod.GET],
        integration: integration('Related', props.related),
      }),
      ...this.api.addRoutes({
        path: '/openapi.json',
        methods: [HttpMethod.GET],
        integration: integration('OpenApi', props.openapi),
      }),
    ];
    this.api.addRoutes({
      path: '/articles/{id}',
      methods: [HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE],
      integration: integration('Articles', props.articles),
      authorizer: new HttpIamAuthorizer(),
    });
    suppressPublicRouteFindings(publicRoutes);
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
