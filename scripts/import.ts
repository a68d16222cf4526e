/**
 * `npm run import -- <dir|file.jsonl|file.json>`: validates every article, reports each invalid one
 * (file:line and field), then writes the valid ones to DynamoDB with BatchWriteItem. They reach
 * OpenSearch through the table's stream, like any API write. Exits 1 when anything was invalid.
 */
import { SingleBar } from 'cli-progress';
import { importArticles } from '../shared/articles/article-import.js';
import { createDocumentClient } from '../shared/clients/aws.js';
import { loadCliConfig } from './cli-config.js';
import { readArticleFiles } from './import/article-files.js';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: npm run import -- <dir|file.jsonl|file.json>\n');
  process.exit(2);
}

const { config, local } = loadCliConfig();
const { articles, invalid, files } = await readArticleFiles(path);
for (const entry of invalid) {
  for (const problem of entry.problems) {
    process.stderr.write(
      `${entry.source}${entry.id ? ` (${entry.id})` : ''}: ${problem.field}: ${problem.message}\n`,
    );
  }
}
process.stdout.write(
  `${files.length} file(s): ${articles.length} valid article(s), ${invalid.length} invalid (not imported)\n`,
);

if (articles.length > 0) {
  process.stdout.write(
    `importing into table '${config.articlesTable}'${local ? ' of the local stack (npm start)' : ''}\n`,
  );
  const bar = new SingleBar({
    format: 'import [{bar}] {value}/{total} articles | {eta_formatted} left',
    hideCursor: true,
  });
  const showBar = articles.length >= 500 && process.stderr.isTTY; // cli-progress draws on stderr
  if (showBar) bar.start(articles.length, 0);
  const db = createDocumentClient(config);
  const result = await importArticles(db, config.articlesTable, articles, {
    onProgress: ({ written }) => showBar && bar.update(written),
  });
  if (showBar) bar.stop();
  db.destroy();
  const perSecond = Math.round((result.written * 1000) / Math.max(1, result.durationMs));
  process.stdout.write(
    `imported ${result.written} (${result.created} new, ${result.replaced} replaced) in ${(result.durationMs / 1000).toFixed(1)} s, ${perSecond}/s\n`,
  );
}
process.exit(invalid.length > 0 ? 1 : 0);
