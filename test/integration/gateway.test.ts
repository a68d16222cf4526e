import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Route, type RunningGateway, startGateway } from '../../scripts/local/gateway.js';

const PORT = 8890;
const logLines: string[] = [];
let gateway: RunningGateway;

/** Answers with the event and context it was given, so tests can inspect both. */
const echo: Route['handler'] = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    event,
    functionName: context.functionName,
    remainingMs: context.getRemainingTimeInMillis(),
  }),
});

const routes: Route[] = [
  { method: 'GET', path: '/articles/{id}', handler: echo, functionName: 'articles-local' },
  { method: 'PUT', path: '/articles/{id}', handler: echo },
  { method: 'DELETE', path: '/articles/{id}', handler: async () => ({ statusCode: 204 }) },
  { method: 'GET', path: '/articles/search', handler: async () => ({ route: 'search' }) },
  { method: 'GET', path: '/articles/{id}/related', handler: echo },
  { method: 'GET', path: '/files/{key+}', handler: echo },
  {
    method: 'GET',
    path: '/boom',
    handler: async () => {
      throw new Error('boom: index missing');
    },
  },
  { method: 'GET', path: '/text', handler: async () => 'plain words' },
  {
    method: 'GET',
    path: '/session',
    handler: async () => ({
      statusCode: 201,
      headers: { 'x-request-kind': 'session', 'content-length': '999' },
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
      body: 'created',
    }),
  },
  {
    method: 'GET',
    path: '/image',
    handler: async () => ({
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([137, 80, 78, 71]).toString('base64'),
      isBase64Encoded: true,
    }),
  },
  { method: 'GET', path: '/bad-status', handler: async () => ({ statusCode: 42 }) },
];

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http rather than fetch: tests need repeated request headers and a raw, unjoined view. */
function send(
  method: string,
  path: string,
  headers: Record<string, string | string[]> = {},
  body?: Buffer | string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: PORT, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.on('error', reject);
    req.end(body);
  });
}

async function sendForEvent(
  method: string,
  path: string,
  headers: Record<string, string | string[]> = {},
  body?: Buffer | string,
): Promise<{ event: APIGatewayProxyEventV2; functionName: string; remainingMs: number }> {
  const response = await send(method, path, headers, body);
  expect(response.status).toBe(200);
  return JSON.parse(response.body.toString());
}

const json = (response: RawResponse) => JSON.parse(response.body.toString());

beforeAll(async () => {
  gateway = await startGateway({
    port: PORT,
    routes,
    maxBodyBytes: 1024,
    corsOrigins: ['http://localhost:5173'],
    log: (line) => logLines.push(line),
  });
});

afterAll(async () => {
  await gateway?.stop();
});

describe('startGateway', () => {
  it('builds an API Gateway payload format 2.0 event', async () => {
    const path = '/articles/caf%C3%A9%20au%20lait?tags=a&tags=b&q=insulin+pump&empty=';

    const { event, functionName, remainingMs } = await sendForEvent('GET', path, {
      'User-Agent': 'gateway-test',
      'X-Repeated': ['one', 'two'],
      Cookie: 'session=abc; theme=dark',
    });

    expect(gateway.url).toBe(`http://127.0.0.1:${PORT}`);
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /articles/{id}',
      rawPath: '/articles/caf%C3%A9%20au%20lait',
      rawQueryString: 'tags=a&tags=b&q=insulin+pump&empty=',
      cookies: ['session=abc', 'theme=dark'],
      headers: expect.objectContaining({
        host: `127.0.0.1:${PORT}`,
        'user-agent': 'gateway-test',
        'x-repeated': 'one,two',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': String(PORT),
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      }),
      queryStringParameters: { tags: 'a,b', q: 'insulin pump', empty: '' },
      pathParameters: { id: 'café au lait' },
      requestContext: {
        accountId: expect.stringMatching(/^\d{12}$/),
        apiId: 'local',
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/articles/caf%C3%A9%20au%20lait',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'gateway-test',
        },
        requestId: expect.any(String),
        routeKey: 'GET /articles/{id}',
        stage: '$default',
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
      },
      isBase64Encoded: false,
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event).not.toHaveProperty('body');
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(functionName).toBe('articles-local');
    expect(remainingMs).toBeGreaterThan(29_000);
  });

  it('omits query parameters, path parameters and cookies that the request does not have', async () => {
    const { event } = await sendForEvent('GET', '/files/reports/2026/summary.pdf');

    expect(event.routeKey).toBe('GET /files/{key+}');
    expect(event.pathParameters).toEqual({ key: 'reports/2026/summary.pdf' });
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
  });

  it('prefers a literal segment over a path parameter', async () => {
    const search = await send('GET', '/articles/search');
    const related = await sendForEvent('GET', '/articles/a%2Fb/related');

    expect(json(search)).toEqual({ route: 'search' });
    expect(related.event.routeKey).toBe('GET /articles/{id}/related');
    expect(related.event.pathParameters).toEqual({ id: 'a/b' });
  });

  it('passes text bodies through as is and binary bodies base64-encoded', async () => {
    const article = JSON.stringify({ title: 'Beta cells', body: 'Ünïcode text' });
    const bytes = Buffer.from([0, 255, 16, 32]);

    const text = await sendForEvent(
      'PUT',
      '/articles/a1',
      {
        'content-type': 'application/json; charset=utf-8',
      },
      article,
    );
    const binary = await sendForEvent(
      'PUT',
      '/articles/a1',
      {
        'content-type': 'application/octet-stream',
      },
      bytes,
    );

    expect(text.event).toMatchObject({
      body: article,
      isBase64Encoded: false,
      routeKey: 'PUT /articles/{id}',
    });
    expect(binary.event).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  it('maps structured results: status, headers, cookies, base64 bodies, no content', async () => {
    const session = await send('GET', '/session');
    const image = await send('GET', '/image');
    const deleted = await send('DELETE', '/articles/a1');

    expect(session.status).toBe(201);
    expect(session.headers['x-request-kind']).toBe('session');
    expect(session.headers['content-length']).toBe('7');
    expect(session.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(session.headers['apigw-requestid']).toEqual(expect.any(String));
    expect(session.body.toString()).toBe('created');
    expect(image.headers['content-type']).toBe('image/png');
    expect([...image.body]).toEqual([137, 80, 78, 71]);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toHaveLength(0);
  });

  it('infers 200 application/json for results without a statusCode', async () => {
    const object = await send('GET', '/articles/search');
    const text = await send('GET', '/text');

    expect(object.status).toBe(200);
    expect(object.headers['content-type']).toBe('application/json');
    expect(text.status).toBe(200);
    expect(text.body.toString()).toBe('plain words');
  });

  it('answers CORS preflights for configured origins as API Gateway does', async () => {
    const preflight = (origin: string, method = 'GET') =>
      send('OPTIONS', '/articles/a1/related', {
        origin,
        'access-control-request-method': method,
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET,OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '86400',
    });
    for (const refused of [
      await preflight('http://evil.example'),
      await preflight('http://localhost:5173', 'PUT'),
    ]) {
      expect(refused.status).toBe(204);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('adds Access-Control-Allow-Origin to answers for a configured origin only', async () => {
    const allowed = await send('GET', '/articles/a1/related', { origin: 'http://localhost:5173' });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(allowed.headers.vary).toBe('origin');
    const other = await send('GET', '/articles/a1/related', { origin: 'http://evil.example' });
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown paths with 404 problem+json', async () => {
    const response = await send('GET', '/nowhere');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(json(response)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route matches GET /nowhere',
    });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await send(
      'POST',
      '/articles/a1',
      { 'content-type': 'application/json' },
      '{}',
    );

    expect(response.status).toBe(405);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(String(response.headers.allow).split(', ').sort()).toEqual(['DELETE', 'GET', 'PUT']);
    expect(json(response)).toMatchObject({ title: 'Method Not Allowed', status: 405 });
  });

  it('answers 500 problem+json and logs the error when a handler throws', async () => {
    const response = await send('GET', '/boom');

    expect(response.status).toBe(500);
    expect(json(response)).toMatchObject({ title: 'Internal Server Error', status: 500 });
    expect(response.body.toString()).not.toContain('index missing');
    expect(
      logLines.some(
        (line) => line.includes('GET /boom handler threw') && line.includes('boom: index missing'),
      ),
    ).toBe(true);
  });

  it('answers 500 when a handler returns an impossible statusCode', async () => {
    const response = await send('GET', '/bad-status');

    expect(response.status).toBe(500);
    expect(json(response)).toMatchObject({ detail: 'The handler returned an invalid statusCode' });
  });

  it('answers 413 problem+json for bodies over the limit', async () => {
    const response = await send(
      'PUT',
      '/articles/a1',
      { 'content-type': 'application/json' },
      'x'.repeat(2048),
    );

    expect(response.status).toBe(413);
    expect(json(response)).toMatchObject({ title: 'Payload Too Large', status: 413 });
  });

  it('rejects two routes with the same method and path', async () => {
    await expect(
      startGateway({
        port: PORT + 1,
        routes: [routes[0] as Route, routes[0] as Route],
        log: () => {},
      }),
    ).rejects.toThrow('duplicate route GET /articles/{id}');
  });

  it('stop() closes the port', async () => {
    const second = await startGateway({ port: PORT + 2, routes, log: () => {} });

    await second.stop();

    await expect(fetch(`${second.url}/articles/a1`)).rejects.toThrow();
  });
});
