import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { evalDataDir, loadCollection, loadQueries } from '../../scripts/eval/collections.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The checksum table of a dataset's README: `| \`file\` | … | \`gz sha256\` | \`content sha256\` |`. */
function checksumRows(readme: string) {
  const row = /^\|\s*`([^`]+)`\s*\|.*\|\s*`([0-9a-f]{64})`\s*\|\s*`([0-9a-f]{64})`\s*\|\s*$/gm;
  return [...readme.matchAll(row)].map(([, file, gz, content]) => ({ file, gz, content }));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe.each(['med', 'scifact'])('vendored %s collection', (dataset) => {
  const dir = join(evalDataDir, dataset);

  it('matches the checksums its README gives, and the README lists every data file', async () => {
    const rows = checksumRows(await readFile(join(dir, 'README.md'), 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const { file, gz, content } of rows) {
      const bytes = await readFile(join(dir, file as string));
      expect(sha256(bytes), `${file} (.gz)`).toBe(gz);
      expect(sha256(gunzipSync(bytes)), `${file} (content)`).toBe(content);
    }
    const listed = rows.map((r) => r.file).sort();
    expect((await filesUnder(dir)).filter((f) => f !== 'README.md')).toEqual(listed);
  });
});

describe('the SciFact answer key', () => {
  it('is not vendored: queries carry an id and a text only', async () => {
    const raw = gunzipSync(await readFile(join(evalDataDir, 'scifact', 'queries.jsonl.gz')));
    const keys = new Set(
      raw
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== '')
        .flatMap((line) => Object.keys(JSON.parse(line))),
    );
    expect([...keys].sort()).toEqual(['_id', 'text']);
    expect(await loadQueries(join(evalDataDir, 'scifact', 'queries.jsonl.gz'))).toHaveLength(1109);
  });
});

describe('collection loader', () => {
  it('reads a split with only its judged queries', async () => {
    const train = await loadCollection('scifact', 'train');
    expect(train.documents).toHaveLength(5183);
    expect(train.queries).toHaveLength(809);
    const med = await loadCollection('med', 'test');
    expect(med.documents).toHaveLength(1033);
    expect(med.queries).toHaveLength(30);
    expect([...med.qrels.values()].reduce((n, judged) => n + judged.size, 0)).toBe(696);
  });

  it('refuses a split a dataset does not have', async () => {
    await expect(loadCollection('med', 'train')).rejects.toThrow(/med has no train split/);
  });
});
