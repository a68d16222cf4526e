import { Agent, request } from 'node:http';

/**
 * The least a caller can do to send a body to OpenSearch: one keep-alive socket, JSON in, bytes
 * out, no client library, no compression, no parsing beyond the engine's own `took`. The
 * benchmark's floor for "what the engine costs".
 */
export function rawOpenSearch(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(baseUrl);
  return {
    /** POSTs `body` (JSON, or NDJSON lines for `_msearch`/`_bulk`); ms and the engine's took. */
    post(path: string, body: string, contentType = 'application/json') {
      const started = performance.now();
      return new Promise<{ ms: number; took: number; body: Buffer }>((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path,
            agent,
            headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const text = Buffer.concat(chunks);
              if ((res.statusCode ?? 500) >= 300) {
                reject(new Error(`${path}: ${res.statusCode} ${text.toString().slice(0, 500)}`));
                return;
              }
              const took = /"took":(\d+)/.exec(text.subarray(0, 64).toString());
              resolve({
                ms: performance.now() - started,
                took: Number(took?.[1] ?? 0),
                body: text,
              });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    /** CPU milliseconds the OpenSearch process has used so far (all nodes it answers for). */
    async cpuMs(): Promise<number> {
      const res = await fetch(new URL('/_nodes/_local/stats/process', url));
      const body = (await res.json()) as {
        nodes: Record<string, { process: { cpu: { total_in_millis: number } } }>;
      };
      return Object.values(body.nodes).reduce((n, node) => n + node.process.cpu.total_in_millis, 0);
    },
    close: () => agent.destroy(),
  };
}

export type RawOpenSearch = ReturnType<typeof rawOpenSearch>;
