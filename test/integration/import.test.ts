import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import { readArticleFiles } from '../../scripts/import/article-files.js';
import { repoRoot } from '../../scripts/local/repo-root.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { importArticles } from '../../shared/articles/article-import.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { indexSnapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

const dir = join(repoRoot, '.local', 'test-tmp', `import-${process.pid}`);
type Six = [ArticleInput, ArticleInput, ArticleInput, ArticleInput, ArticleInput, ArticleInput];
const [a, b, c, d, e, f] = [...generateArticles(6, 99)] as Six;

describe('bulk import', () => {
  let stack: TestStack;
  let poller: StreamPoller | undefined;

  beforeAll(async () => {
    stack = await createTestStack('import');
    await mkdir(dir, { recursive: true });
    const { title: _title, ...untitled } = b;
    await writeFile(
      join(dir, 'batch.jsonl'),
      [
        JSON.stringify(a),
        JSON.stringify({ ...untitled, publishedAt: '2024-02-30' }),
        '',
        JSON.stringify(c),
        '{"id": "broken",',
        JSON.stringify({ ...a, title: 'The same id again' }),
        JSON.stringify(d),
      ].join('\n'),
    );
    await writeFile(join(dir, 'single.json'), JSON.stringify(e));
    await writeFile(join(dir, 'pair.json'), JSON.stringify([f, { ...f, id: 'f2', tags: ['No'] }]));
    const indexer = await loadIndexStreamHandler();
    poller = pollArticleStream(stack, {
      handler: indexer,
    });
  });

  afterAll(async () => {
    await poller?.stop();
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every invalid article by file, line and field, and returns only valid ones', async () => {
    const { articles, invalid, files } = await readArticleFiles(dir);
    expect(files).toHaveLength(3);
    expect(articles.map((x) => x.id).sort()).toEqual([a, c, d, e, f].map((x) => x.id).sort());
    const problems = invalid.map((i) => ({
      at: i.source.slice(i.source.lastIndexOf('/') + 1),
      fields: i.problems.map((p) => p.field).sort(),
    }));
    expect(problems).toEqual([
      { at: 'batch.jsonl:2', fields: ['publishedAt', 'title'] },
      { at: 'batch.jsonl:5', fields: ['(json)'] },
      { at: 'batch.jsonl:6', fields: ['id'] },
      { at: 'pair.json[1]', fields: ['tags.0'] },
    ]);
  });

  it('continues versions above existing items and tombstones; the stream indexes the import', async () => {
    const store = new ArticleStore(stack.documents, stack.config.articlesTable);
    await store.put(a);
    await store.put(a); // live at v2
    await store.put(c);
    await store.delete(c.id); // tombstone at v2

    const { articles } = await readArticleFiles(dir);
    const result = await importArticles(stack.documents, stack.config.articlesTable, articles);
    expect(result).toMatchObject({ written: 5, created: 4, replaced: 1 });
    const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
    expect(table).toEqual({
      [a.id]: 'v3',
      [c.id]: 'v3',
      [d.id]: 'v1',
      [e.id]: 'v1',
      [f.id]: 'v1',
    });

    await poller?.drain(30_000);
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(table);
  });

  it('`npm run import` imports the valid articles and exits 1 naming the invalid ones', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'scripts/import.ts', dir], {
      cwd: repoRoot,
      env: { ...process.env, ...stack.env },
    });
    const failure = (await run.catch((error: unknown) => error)) as {
      code: number;
      stdout: string;
      stderr: string;
    };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/batch\.jsonl:2 \(.+\): publishedAt: /);
    expect(failure.stderr).toMatch(/pair\.json\[1\] \(f2\): tags\.0: /);
    expect(failure.stdout).toContain('5 valid article(s), 4 invalid (not imported)');
    expect(failure.stdout).toContain('imported 5 (0 new, 5 replaced)');
    expect((await tableSnapshot(stack.documents, stack.config.articlesTable))[a.id]).toBe('v4');
  });

  it('imports a thousand articles in chunks, reporting progress', async () => {
    await poller?.stop(); // the table is enough here; indexing a thousand would only add time
    poller = undefined;
    const articles = [...generateArticles(1_000, 5)].map((x) => ({ ...x, id: `bulk-${x.id}` }));
    const progress: number[] = [];
    const result = await importArticles(stack.documents, stack.config.articlesTable, articles, {
      onProgress: ({ written, total }) => {
        expect(total).toBe(1_000);
        progress.push(written);
      },
    });
    expect(result).toMatchObject({ written: 1_000, created: 1_000, replaced: 0 });
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toBe(1_000);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
    expect(Object.keys(table).filter((id) => id.startsWith('bulk-'))).toHaveLength(1_000);
  });
});
