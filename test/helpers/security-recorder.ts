import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface SecurityRecorder {
  url: string;
  /** Every request to the security plugin's REST API, in arrival order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const securityApi = '/_plugins/_security/';

/**
 * Stands in for the security plugin, which the local node does not have: records every request
 * under `/_plugins/_security/` and answers as the plugin documents (`200 {"status":"OK"}`), and
 * forwards everything else to the real OpenSearch at `upstream`. A client pointed here therefore
 * talks to real indices and aliases while its security calls are captured for assertions.
 */
export async function startSecurityRecorder(upstream: string): Promise<SecurityRecorder> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      if (path.startsWith(securityApi)) {
        const text = (
          req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw
        ).toString();
        requests.push({
          method: req.method ?? '',
          path,
          body: text ? JSON.parse(text) : undefined,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'OK', message: 'recorded' }));
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
        ),
      );
      const forwarded = await fetch(`${upstream}${path}`, {
        method: req.method,
        headers,
        body: raw.length > 0 ? raw : undefined,
      });
      // fetch has decoded the body already, so the encoding and length headers no longer apply.
      const body = Buffer.from(await forwarded.arrayBuffer());
      res.writeHead(forwarded.status, {
        'content-type': forwarded.headers.get('content-type') ?? 'application/json',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
