/**
 * The demo site `npm start` serves on its own origin (so its calls to the API are real
 * cross-origin requests, answered by the gateway's CORS): `/` the InstantSearch page,
 * `/articles/{id}` an article rendered from the table with the related widget, `/assets/*` the
 * web bundles built by scripts/web/build-web.ts.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Article } from '../../shared/articles/schema.js';
import {
  type PageContext,
  renderArticlePage,
  renderNotFoundPage,
  renderSearchPage,
} from '../../web/demo/pages.js';

export interface SiteOptions {
  port: number;
  host?: string;
  /** The API the pages call (the local gateway). */
  apiUrl: string;
  /** Built web bundles (buildWeb's output directory). */
  assetsDir: string;
  getArticle(id: string): Promise<Article | undefined>;
  log?: (line: string) => void;
}

export interface RunningSite {
  url: string;
  stop(): Promise<void>;
}

const assetTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function startSite(opts: SiteOptions): Promise<RunningSite> {
  const host = opts.host ?? '127.0.0.1';
  const context: PageContext = { apiBase: opts.apiUrl };
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
    res.end(body);
  };
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://site');
    try {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
      if (pathname === '/')
        return send(res, 200, 'text/html; charset=utf-8', renderSearchPage(context));
      const article = /^\/articles\/([^/]+)$/.exec(pathname);
      if (article) {
        const found = await opts.getArticle(decodeURIComponent(article[1] as string));
        return found
          ? send(res, 200, 'text/html; charset=utf-8', renderArticlePage(found, context))
          : send(res, 404, 'text/html; charset=utf-8', renderNotFoundPage(context));
      }
      const asset = /^\/assets\/([\w/.-]+)$/.exec(pathname)?.[1];
      const type = asset ? assetTypes[path.extname(asset)] : undefined;
      if (asset && type && !asset.includes('..')) {
        return send(res, 200, type, await readFile(path.join(opts.assetsDir, asset)));
      }
      send(res, 404, 'text/plain', 'Not found');
    } catch (error) {
      opts.log?.(`site: ${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'The demo site failed; see the log');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
