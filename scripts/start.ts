/**
 * `npm start`: the whole backend on this machine with the fixture corpus, until Ctrl-C.
 * Articles are written to DynamoDB and reach OpenSearch only through the table's stream.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { devSiteOrigins } from '../shared/api-routes.js';
import { importArticles } from '../shared/articles/article-import.js';
import { ArticleStore } from '../shared/articles/article-store.js';
import { createDocumentClient } from '../shared/clients/aws.js';
import { createOpenSearchClient } from '../shared/clients/opensearch.js';
import { loadConfig } from '../shared/config.js';
import { runReindex } from '../shared/ingest/reindex.js';
import { IndexAdmin } from '../shared/search-index/index-admin.js';
import { localStackNames, localStackPorts } from './local/defaults.js';
import { loadFixtureArticles, seedArticleId } from './local/fixtures.js';
import { createLambdaContext } from './local/lambda-context.js';
import { repoRoot } from './local/repo-root.js';
import { startSite } from './local/site.js';
import { startLocalStack } from './local/stack.js';
import { runBackfill } from './semantic/run-backfill.js';
import { buildWeb } from './web/build-web.js';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (line: string) => process.stdout.write(`[local] ${line}\n`);

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Lambda runs Node 22+; the AWS SDK's warning about the local Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const adminToken = process.env.LOCAL_ADMIN_TOKEN ?? `local-${randomBytes(12).toString('hex')}`;

const ports = localStackPorts();
// The demo site's own origin, allowed by the API's CORS like a dev server's.
const siteOrigins = [`http://127.0.0.1:${ports.site}`, `http://localhost:${ports.site}`];
const stack = await startLocalStack({
  apiPort: ports.api,
  openSearchPort: ports.openSearch,
  motoPort: ports.moto,
  dataDir: process.env.LOCAL_STACK_DIR ?? join(repoRoot, '.local', 'stack'),
  names: localStackNames,
  adminToken,
  corsOrigins: [...devSiteOrigins, ...siteOrigins],
  log,
});
log(`services up after ${elapsed()}`);

const config = loadConfig();
const db = createDocumentClient(config);
const fixtures = await loadFixtureArticles();
await importArticles(db, config.articlesTable, fixtures);
const vectors = await runBackfill(config);
await stack.poller.drain(60_000);
log(
  `${fixtures.length} fixture articles written to DynamoDB with ${vectors.embedded} new vectors and indexed through the stream (${elapsed()})`,
);

// moto keeps no state between runs but the OpenSearch node does: a zero-downtime rebuild from the
// table makes the index equal to it again (and applies any mapping change).
const client = createOpenSearchClient(config, { requestTimeoutMs: 60_000 });
const report = await runReindex(
  { client, admin: new IndexAdmin(client, config.indexAlias), db, tableName: config.articlesTable },
  // Only this process builds locally: a build left behind by a killed run is taken over at once.
  { abandonAfterMs: 0 },
);
if (report.status !== 'promoted')
  throw new Error(`rebuilding the local index failed: ${report.reason}`);
log(`index rebuilt from the table as ${report.generation} (${elapsed()})`);
// As the nightly schedule does after its reindex: every related list precomputed.
await stack.refreshRelated(
  { mode: 'full' },
  createLambdaContext('refresh-related-local', config.region, 900_000),
);
log(`related lists precomputed (${elapsed()})`);

const assetsDir = join(repoRoot, '.local', 'site');
await buildWeb(assetsDir);
const site = await startSite({
  port: ports.site,
  apiUrl: stack.apiUrl,
  assetsDir,
  getArticle: (id) => new ArticleStore(db, config.articlesTable).get(id),
  log,
});
log(`demo site built and serving (${elapsed()})`);

log(`ready in ${elapsed()}`);
process.stdout.write(`
  Site        ${site.url}/   (search page; articles at ${site.url}/articles/${seedArticleId})
  API         ${stack.apiUrl}
  try         ${stack.apiUrl}/search?q=exercise%20immune
  admin token ${adminToken}   (Authorization: Bearer <token> for PUT/GET/DELETE /articles/{id})
  OpenSearch  ${stack.env.OPENSEARCH_URL}
  DynamoDB    ${stack.env.AWS_ENDPOINT_URL} (moto; table '${config.articlesTable}')
  Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await site.stop();
    await stack.stop();
    process.exit(0);
  });
}
