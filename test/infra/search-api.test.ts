import { describe, expect, it } from 'vitest';
import type { FunctionName } from '../../infra/bundling.js';
import { flatten } from './cfn-values.js';
import { type CfnJson, type SynthesizedStage, synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({
  dev: {},
  prod: { context: { corsOrigins: 'https://www.example.org' } },
});

/** Route key → [authorization type, function the integration invokes]. */
function routesOf(stage: SynthesizedStage): Record<string, [string, string]> {
  const resources: Record<string, CfnJson> = stage.searchTemplate.toJSON().Resources;
  const functionByLogicalId = Object.fromEntries(
    Object.entries(stage.search.functions).map(([name, fn]) => [stage.searchLogicalId(fn), name]),
  );
  const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
  return Object.fromEntries(
    routes.map((route) => {
      const integrationId = flatten(route.Properties.Target).match(/<(\w+)>$/)?.[1] ?? '';
      const uri = flatten(resources[integrationId]?.Properties.IntegrationUri);
      const fnId = uri.match(/^<(\w+)\.Arn>$/)?.[1] ?? uri;
      return [
        route.Properties.RouteKey,
        [route.Properties.AuthorizationType, functionByLogicalId[fnId]],
      ];
    }),
  );
}

describe('HTTP API', () => {
  it('serves public GET routes and IAM-authorized admin article routes, each on its function', () => {
    const expected: Record<string, [string, FunctionName]> = {
      'GET /search': ['NONE', 'search'],
      'GET /suggest': ['NONE', 'suggest'],
      'GET /articles/{id}/related': ['NONE', 'related'],
      'GET /openapi.json': ['NONE', 'openapi'],
      'GET /articles/{id}': ['AWS_IAM', 'articles'],
      'PUT /articles/{id}': ['AWS_IAM', 'articles'],
      'DELETE /articles/{id}': ['AWS_IAM', 'articles'],
    };

    expect(routesOf(stages.dev)).toEqual(expected);
  });

  it('invokes functions through the Lambda proxy integration, payload 2.0', () => {
    const integrations = Object.values(
      stages.dev.searchTemplate.findResources('AWS::ApiGatewayV2::Integration'),
    );

    expect(integrations).toHaveLength(5);
    for (const integration of integrations) {
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
    }
  });

  it('allows CORS only from the configured site origins, for GET', () => {
    stages.dev.searchTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['http://localhost:3000', 'http://localhost:5173'],
        AllowMethods: ['GET', 'OPTIONS'],
        AllowHeaders: ['content-type'],
        MaxAge: 86400,
      },
    });
    stages.prod.searchTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://www.example.org'] },
    });
  });

  it('throttles the auto-deployed $default stage per stage config', () => {
    stages.dev.searchTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    stages.prod.searchTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    });
  });

  it('throttles public routes one by one, suggest with a burst of its own', () => {
    const [stage] = Object.entries(
      stages.prod.searchTemplate.findResources('AWS::ApiGatewayV2::Stage'),
    );
    const [stageId, resource] = stage ?? [];
    const settings = resource?.Properties.RouteSettings;

    expect(settings).toEqual({
      'GET /suggest': { ThrottlingRateLimit: 300, ThrottlingBurstLimit: 1000 },
      'GET /search': { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      'GET /articles/{id}/related': { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
      'GET /openapi.json': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    // Route settings name existing routes, so the stage is created after them.
    const routeIds = Object.keys(
      stages.prod.searchTemplate.findResources('AWS::ApiGatewayV2::Route'),
    );
    expect(stageId).toBeDefined();
    expect(resource?.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('writes one JSON access-log line per request, with request id, caller and latencies', () => {
    const stage = Object.values(
      stages.dev.searchTemplate.findResources('AWS::ApiGatewayV2::Stage'),
    )[0];
    const settings = stage?.Properties.AccessLogSettings;

    expect(flatten(settings.DestinationArn)).toMatch(/^<ApiAccessLogs[0-9A-F]+\.Arn>$/);
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      caller: '$context.identity.userArn',
      status: '$context.status',
      responseLatencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
    });
  });

  it('outputs the API URL', () => {
    const url = flatten(stages.dev.searchTemplate.findOutputs('ApiUrl').ApiUrl?.Value);

    expect(url).toMatch(/^https:\/\/<ApiHttpApi[0-9A-F]+>\.execute-api\.<AWS::Region>\./);
  });
});
