/**
 * The local stand-in for the HTTP API: turns requests into API Gateway payload format 2.0 events,
 * calls the same handlers CDK deploys, and maps their results back the way API Gateway does.
 * Router errors (404, 405, 413, handler crash) are answered as application/problem+json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { apiCors } from '../../shared/api-routes.js';
import { createLambdaContext } from './lambda-context.js';
import { LOCAL_ACCOUNT_ID } from './moto.js';

export type RouteMethod = 'GET' | 'PUT' | 'DELETE' | 'POST';

export type RouteHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2<object>>;

export type Route = {
  method: RouteMethod;
  /** Literal segments and `{name}` parameters; a last `{name+}` takes the rest of the path. */
  path: string;
  handler: RouteHandler;
  /** Shown as `context.functionName`. Default 'api-local'. */
  functionName?: string;
};

export interface GatewayOptions {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  routes: Route[];
  /**
   * Request body limit. Default 6 MiB: API Gateway accepts 10 MB, but a Lambda proxy integration is
   * bounded by Lambda's 6 MB synchronous invocation payload first.
   */
  maxBodyBytes?: number;
  /** `context.getRemainingTimeInMillis()` budget. Default 30 s, API Gateway's integration timeout. */
  functionTimeoutMs?: number;
  /** Region reported in `context.invokedFunctionArn`. Default us-east-1. */
  region?: string;
  /** Browser origins answered with CORS headers, as the deployed API's `corsOrigins`. */
  corsOrigins?: readonly string[];
  log?: (line: string) => void;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

interface CompiledRoute {
  route: Route;
  routeKey: string;
  pattern: RegExp;
  parameterNames: string[];
  literalSegments: number;
  greedy: boolean;
}

/** Content types API Gateway passes as text; every other body arrives base64-encoded. */
const TEXT_MEDIA_TYPE =
  /^(text\/.*|application\/(json|xml|javascript|x-www-form-urlencoded|graphql)|.*\+(json|xml))$/;

/** Headers Node computes itself; copying a handler's value could contradict the real body. */
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection']);

/** Starts listening and resolves once the port is bound. */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const host = opts.host ?? '127.0.0.1';
  const routes = compileRoutes(opts.routes);
  const settings: RequestSettings = {
    routes,
    maxBodyBytes: opts.maxBodyBytes ?? 6 * 1024 * 1024,
    functionTimeoutMs: opts.functionTimeoutMs ?? 30_000,
    region: opts.region ?? 'us-east-1',
    corsOrigins: new Set(opts.corsOrigins ?? []),
    log: opts.log ?? console.log,
  };
  const server = createServer((req, res) => {
    // A client that aborts mid-body must not take the whole local stack down.
    handleRequest(req, res, settings).catch((error: unknown) => {
      settings.log(`${req.method} ${req.url} failed: ${String(error)}`);
      if (res.headersSent) res.destroy();
      else sendProblem(res, 500, 'The local gateway failed to handle the request');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface RequestSettings {
  routes: CompiledRoute[];
  maxBodyBytes: number;
  functionTimeoutMs: number;
  region: string;
  corsOrigins: ReadonlySet<string>;
  log: (line: string) => void;
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  settings: RequestSettings,
): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  const queryStart = target.indexOf('?');
  const rawPath = queryStart < 0 ? target : target.slice(0, queryStart);
  const rawQueryString = queryStart < 0 ? '' : target.slice(queryStart + 1);
  const requestId = randomUUID();
  res.setHeader('apigw-requestid', requestId);
  res.once('finish', () =>
    settings.log(
      `${method} ${target} ${res.statusCode} ${Math.round(performance.now() - started)} ms`,
    ),
  );

  if (answerCors(req, res, settings.corsOrigins)) return;

  const matches = settings.routes.filter((candidate) => candidate.pattern.test(rawPath));
  if (matches.length === 0) {
    return sendProblem(res, 404, `No route matches ${method} ${rawPath}`);
  }
  const compiled = matches.find((candidate) => candidate.route.method === method);
  if (!compiled) {
    const allowed = [...new Set(matches.map((candidate) => candidate.route.method))];
    res.setHeader('allow', allowed.join(', '));
    return sendProblem(res, 405, `${method} is not allowed on ${rawPath}`);
  }
  const pathParameters = extractPathParameters(compiled, rawPath);
  if (!pathParameters) return sendProblem(res, 400, `Malformed percent-encoding in ${rawPath}`);

  const body = await readBody(req, settings.maxBodyBytes);
  if (body === 'too-large') {
    res.setHeader('connection', 'close');
    return sendProblem(res, 413, `Request body exceeds ${settings.maxBodyBytes} bytes`);
  }

  const event = toEvent({
    req,
    rawPath,
    rawQueryString,
    compiled,
    pathParameters,
    body,
    requestId,
  });
  const context = createLambdaContext(
    compiled.route.functionName ?? 'api-local',
    settings.region,
    settings.functionTimeoutMs,
  );
  let result: unknown;
  try {
    result = await compiled.route.handler(event, context);
  } catch (error) {
    settings.log(
      `${compiled.routeKey} handler threw: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return sendProblem(res, 500, 'The handler failed; see the local gateway log');
  }
  const response = toHttpResponse(result);
  if (!response) {
    settings.log(
      `${compiled.routeKey} handler returned an invalid statusCode: ${JSON.stringify(result)}`,
    );
    return sendProblem(res, 500, 'The handler returned an invalid statusCode');
  }
  res.statusCode = response.statusCode;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.end(response.body);
}

/**
 * CORS as API Gateway's `corsPreflight` answers it: a preflight (OPTIONS with
 * Access-Control-Request-Method) never reaches a route; it gets 204, with the CORS headers only
 * for an allowed origin and method. Other requests from an allowed origin get
 * Access-Control-Allow-Origin. True when the request has been answered.
 */
function answerCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && allowedOrigins.has(origin);
  const requestedMethod = req.headers['access-control-request-method'];
  if (req.method === 'OPTIONS' && requestedMethod !== undefined) {
    if (allowed && (apiCors.allowMethods as readonly string[]).includes(requestedMethod)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-methods', apiCors.allowMethods.join(','));
      res.setHeader('access-control-allow-headers', apiCors.allowHeaders.join(','));
      res.setHeader('access-control-max-age', String(apiCors.maxAgeSeconds));
    }
    res.statusCode = 204;
    res.end();
    return true;
  }
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
  }
  return false;
}

interface EventParts {
  req: IncomingMessage;
  rawPath: string;
  rawQueryString: string;
  compiled: CompiledRoute;
  pathParameters: Record<string, string>;
  body: Buffer;
  requestId: string;
}

function toEvent(parts: EventParts): APIGatewayProxyEventV2 {
  const { req, rawPath, rawQueryString, compiled, pathParameters, body, requestId } = parts;
  const { headers, cookies } = collectHeaders(req);
  const queryStringParameters = parseQuery(rawQueryString);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const domainName = (headers.host ?? '127.0.0.1').replace(/:\d+$/, '');
  const now = new Date();
  const isText = body.length === 0 || TEXT_MEDIA_TYPE.test(mediaType(headers['content-type']));
  return {
    version: '2.0',
    routeKey: compiled.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: compiled.routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(compiled.parameterNames.length > 0 && { pathParameters }),
    ...(body.length > 0 && { body: body.toString(isText ? 'utf8' : 'base64') }),
    isBase64Encoded: !isText,
  };
}

/** Lower-cased names, repeats joined with ',' as API Gateway does; cookies move to their own list. */
function collectHeaders(req: IncomingMessage): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
    } else {
      headers[name] = name in headers ? `${headers[name]},${value}` : value;
    }
  }
  return { headers, cookies };
}

/** Decoded names and values, repeats joined with ',' (`tags=a&tags=b` gives `tags: 'a,b'`). */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The `requestContext.time` format: 12/Mar/2020:19:03:58 +0000. */
function formatRequestTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return 'too-large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface HttpResponse {
  statusCode: number;
  headers: [string, string | string[]][];
  body: Buffer;
}

/**
 * A result with a `statusCode` is taken as the structured response. Anything else is what API
 * Gateway infers for format 2.0: 200, application/json, the result as the body (a string as is).
 */
function toHttpResponse(result: unknown): HttpResponse | undefined {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(typeof result === 'string' ? result : (JSON.stringify(result) ?? '')),
    };
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const { statusCode } = structured;
  if (
    !Number.isInteger(statusCode) ||
    (statusCode as number) < 100 ||
    (statusCode as number) > 599
  ) {
    return undefined;
  }
  const headers: [string, string | string[]][] = Object.entries(structured.headers ?? {})
    .filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()))
    .map(([name, value]) => [name, String(value)]);
  if (structured.cookies && structured.cookies.length > 0) {
    headers.push(['set-cookie', structured.cookies]);
  }
  const body = structured.body ?? '';
  return {
    statusCode: statusCode as number,
    headers,
    body: Buffer.from(body, structured.isBase64Encoded ? 'base64' : 'utf8'),
  };
}

function sendProblem(res: ServerResponse, status: number, detail: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.end(JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status], status, detail }));
}

function compileRoutes(routes: Route[]): CompiledRoute[] {
  const compiled = routes.map(compileRoute);
  const keys = new Set<string>();
  for (const { routeKey } of compiled) {
    if (keys.has(routeKey)) throw new Error(`duplicate route ${routeKey}`);
    keys.add(routeKey);
  }
  // API Gateway prefers the most specific match: more literal segments, then no greedy parameter.
  return compiled.sort(
    (a, b) => b.literalSegments - a.literalSegments || Number(a.greedy) - Number(b.greedy),
  );
}

function compileRoute(route: Route): CompiledRoute {
  if (!route.path.startsWith('/')) throw new Error(`route path must start with '/': ${route.path}`);
  const segments = route.path.split('/').slice(1);
  const parameterNames: string[] = [];
  let literalSegments = 0;
  let greedy = false;
  let source = '';
  segments.forEach((segment, index) => {
    const parameter = /^\{([\w.-]+)(\+?)\}$/.exec(segment);
    if (!parameter) {
      literalSegments += 1;
      source += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      return;
    }
    const [, name = '', plus] = parameter;
    greedy = plus === '+';
    if (greedy && index !== segments.length - 1) {
      throw new Error(`greedy parameter must be the last segment: ${route.path}`);
    }
    parameterNames.push(name);
    source += greedy ? '/(.+)' : '/([^/]+)';
  });
  return {
    route,
    routeKey: `${route.method} ${route.path}`,
    pattern: new RegExp(`^${source}$`),
    parameterNames,
    literalSegments,
    greedy,
  };
}

/** Path parameters arrive URL-decoded; undefined when the path has malformed escapes. */
function extractPathParameters(
  compiled: CompiledRoute,
  rawPath: string,
): Record<string, string> | undefined {
  const values = compiled.pattern.exec(rawPath)?.slice(1) ?? [];
  try {
    return Object.fromEntries(
      compiled.parameterNames.map((name, index) => [name, decodeURIComponent(values[index] ?? '')]),
    );
  } catch {
    return undefined;
  }
}
