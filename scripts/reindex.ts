/**
 * `npm run reindex [-- --force]`: the scheduled full reindex, run in this process against the
 * configured stack (the local `npm start` stack by default; see cli-config.ts). Builds a new
 * generation from a parallel scan of the table while the stream indexer keeps dual-writing,
 * verifies it, and swaps the read alias. Exits 1 when verification fails (the live index is then
 * left untouched). A build already in progress makes it stop, unless `--force` discards that build.
 */
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { createDocumentClient } from '../shared/clients/aws.js';
import { createOpenSearchClient } from '../shared/clients/opensearch.js';
import { ReindexInProgressError, runReindex } from '../shared/ingest/reindex.js';
import { IndexAdmin } from '../shared/search-index/index-admin.js';
import { loadCliConfig } from './cli-config.js';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
const { config, local } = loadCliConfig();
const client = createOpenSearchClient(config, { requestTimeoutMs: 60_000, gzipRequests: true });
const db = createDocumentClient(config);
const admin = new IndexAdmin(client, config.indexAlias);
process.stdout.write(
  `reindexing table '${config.articlesTable}' into alias '${config.indexAlias}' at ${config.openSearch.url}${local ? ' (local stack)' : ''}\n`,
);

const bar = new SingleBar({
  format: 'reindex [{bar}] {value}/{total} docs | {docsPerSecond} docs/s | segments {segments}',
  hideCursor: true,
  noTTYOutput: true,
  notTTYSchedule: 5_000,
});
const report = await runReindex(
  { client, admin, db, tableName: config.articlesTable },
  {
    abandonAfterMs: values.force ? 0 : undefined,
    onStart: (state) => {
      process.stdout.write(
        `building ${state.generation}${state.mappingChanged ? ' (the mapping changed)' : ''}\n`,
      );
      bar.start(state.progress.estimatedTotal ?? 0, 0, { docsPerSecond: 0, segments: '0/?' });
    },
    onProgress: (p) =>
      bar.update(p.loaded, {
        total: Math.max(p.estimatedTotal ?? 0, p.loaded),
        docsPerSecond: p.docsPerSecond,
        segments: `${p.segmentsDone}/${p.totalSegments}`,
      }),
  },
)
  .catch((error: unknown) => {
    if (!(error instanceof ReindexInProgressError)) throw error;
    process.stderr.write(`${error.message} Rerun with --force to discard that build.\n`);
    process.exit(1);
  })
  .finally(() => bar.stop());
await client.close();
db.destroy();

const v = report.verification;
process.stdout.write(
  [
    `loaded ${report.loaded} documents (${report.tombstones} tombstones, ${report.skipped} skipped) at ${report.docsPerSecond} docs/s`,
    `verified: table ${v.tableItems} items, index ${v.indexDocuments} documents, ${v.caughtUp} caught up after waiting for the stream, ${v.unindexable.length} unindexable`,
    report.status === 'promoted'
      ? `promoted ${report.generation}${report.replaces ? ` (was ${report.replaces})` : ''}; deleted ${report.deletedGenerations.join(', ') || 'no old generations'}`
      : `FAILED, live index untouched and ${report.generation} discarded: ${report.reason}`,
    `took ${(report.durationMs / 1000).toFixed(1)} s`,
    ...report.skippedSamples.map((s) => `skipped ${s.id ?? '(no id)'}: ${s.reason}`),
    '',
  ].join('\n'),
);
process.exit(report.status === 'promoted' ? 0 : 1);
