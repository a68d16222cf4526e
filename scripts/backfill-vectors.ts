/**
 * `npm run backfill:vectors`: gives every live article of the configured stack (the local
 * `npm start` stack by default; see cli-config.ts) the vector of the production embedding model,
 * computing only what is missing or stale. Each one is a new version, indexed by the stream.
 */
import { semanticModel } from '../shared/semantic/model.js';
import { loadCliConfig } from './cli-config.js';
import { runBackfill } from './semantic/run-backfill.js';

const { config, local } = loadCliConfig();
process.stdout.write(
  `embedding articles of table '${config.articlesTable}'${local ? ' (local stack)' : ''} with ${semanticModel.name}\n`,
);
const started = performance.now();
const result = await runBackfill(config, (p) =>
  process.stdout.write(`scanned ${p.scanned}, embedded ${p.embedded}\n`),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `done in ${seconds.toFixed(1)} s: ${result.embedded} embedded, ${result.skipped} skipped (edited meanwhile), ${result.scanned} scanned\n`,
);
