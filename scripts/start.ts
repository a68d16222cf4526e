/**
 * `npm start`: the whole backend on this machine with the fixture corpus, until Ctrl-C.
 * Articles are written to DynamoDB and reach OpenSearch only through the table's stream.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ArticleStore } from '../shared/articles/article-store.js';
import { createDocumentClient } from '../shared/clients/aws.js';
import { loadConfig } from '../shared/config.js';
import { loadFixtureArticles } from './local/fixtures.js';
import { repoRoot } from './local/repo-root.js';
import { startLocalStack } from './local/stack.js';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (line: string) => process.stdout.write(`[local] ${line}\n`);

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Lambda runs Node 22+; the AWS SDK's warning about the local Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const adminToken = process.env.LOCAL_ADMIN_TOKEN ?? `local-${randomBytes(12).toString('hex')}`;

const stack = await startLocalStack({
  apiPort: Number(process.env.PORT ?? 8787),
  openSearchPort: Number(process.env.OPENSEARCH_PORT ?? 9200),
  motoPort: Number(process.env.MOTO_PORT ?? 4566),
  dataDir: join(repoRoot, '.local', 'stack'),
  names: {
    indexAlias: 'articles',
    articlesTable: 'articles',
    relatedTable: 'related-articles',
    deadLetterQueue: 'index-stream-dead-letters',
  },
  adminToken,
  log,
});
log(`services up after ${elapsed()}`);

const config = loadConfig();
const store = new ArticleStore(createDocumentClient(config), config.articlesTable);
const fixtures = await loadFixtureArticles();
for (const article of fixtures) await store.put(article);
await stack.poller.drain(60_000);
log(
  `${fixtures.length} fixture articles written to DynamoDB and indexed through the stream (${elapsed()})`,
);

log(`ready in ${elapsed()}`);
process.stdout.write(`
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
    await stack.stop();
    process.exit(0);
  });
}
