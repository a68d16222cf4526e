import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * What the proxy does with one request: answer it itself (`respond`), or forward it — possibly
 * with another body — and pass the real answer through `rewrite`.
 */
export type Fault =
  | { respond: ProxiedResponse }
  | { forward?: Buffer; rewrite?: (upstream: ProxiedResponse) => ProxiedResponse };

export interface FaultProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * A small HTTP proxy on 127.0.0.1 in front of a real service (OpenSearch, moto) that injects the
 * faults `decide` returns; requests it returns nothing for pass through untouched.
 */
export async function startFaultProxy(
  target: string,
  decide: (request: ProxiedRequest) => Fault | undefined,
): Promise<FaultProxy> {
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      // a gzip request body (opensearch-js compresses) is handed to `decide` and forwarded plain
      const { 'content-encoding': encoding, ...headers } = req.headers;
      const raw = Buffer.concat(chunks);
      const request: ProxiedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: encoding === 'gzip' ? headers : req.headers,
        body: encoding === 'gzip' ? gunzipSync(raw) : raw,
      };
      const fault = decide(request);
      let answer: ProxiedResponse;
      if (fault && 'respond' in fault) {
        answer = fault.respond;
      } else {
        const upstream = await forward(target, request, fault?.forward ?? request.body);
        answer = fault?.rewrite ? fault.rewrite(upstream) : upstream;
      }
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
      res.end(answer.body);
    } catch (error) {
      process.stderr.write(`fault proxy: ${String(error)}\n`);
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
]);

async function forward(target: string, request: ProxiedRequest, body: Buffer) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || hopByHop.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const res = await fetch(`${target}${request.path}`, {
    method: request.method,
    headers,
    body: ['GET', 'HEAD'].includes(request.method) && body.length === 0 ? undefined : body,
  });
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!hopByHop.has(name) && name !== 'content-encoding') out[name] = value;
  });
  return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
}
