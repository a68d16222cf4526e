import { randomBytes } from 'node:crypto';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

/** A function's exported `handler` for HTTP API routes. */
export type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** A payload format 2.0 `GET` event like the one API Gateway (and the local gateway) sends. */
export function getEvent(
  path: string,
  rawQueryString: string,
  pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 {
  const routeKey = `GET ${pathParameters ? path.replace(/[^/]+\/related$/, '{id}/related') : path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    headers: {},
    isBase64Encoded: false,
    ...(pathParameters && { pathParameters }),
    requestContext: {
      accountId: 'local',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'GET',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomBytes(8).toString('hex'),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

/** Invokes a handler in-process and returns its status, body and wall-clock milliseconds. */
export async function invoke(
  handler: HttpLambda,
  event: APIGatewayProxyEventV2,
): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  const res = await handler(event, {} as Context);
  const ms = performance.now() - started;
  return { ms, status: res.statusCode ?? 0, body: res.body ?? '' };
}
