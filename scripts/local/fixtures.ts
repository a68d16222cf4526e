import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { parseArticleInput } from '../../shared/articles/validate.js';

export const fixturesDir = fileURLToPath(new URL('../../test/fixtures/articles/', import.meta.url));

/** The id of the real article the project was created from. */
export const seedArticleId = 'exercise-may-help-calm-immune-system-type-1-diabetes';

/** The fixture corpus, validated, seed article first. */
export async function loadFixtureArticles(): Promise<ArticleInput[]> {
  const files = (await readdir(fixturesDir)).filter((f) => f.endsWith('.json')).sort();
  const articles = await Promise.all(
    files.map(async (file) =>
      parseArticleInput(JSON.parse(await readFile(join(fixturesDir, file), 'utf8'))),
    ),
  );
  return articles.sort((a, b) => Number(b.id === seedArticleId) - Number(a.id === seedArticleId));
}
