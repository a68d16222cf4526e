import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evidenceTypes, labeledShare } from '../../scripts/fixtures/evidence-vocabulary.js';
import { articleWordCount, readTimeForWords } from '../../scripts/fixtures/read-time.js';
import { categories, topics } from '../../scripts/fixtures/topic-vocabulary.js';
import { generateArticles } from '../../scripts/generate-articles.js';
import { type ArticleInput, articleInputSchema } from '../../shared/articles/schema.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repoRoot, 'scripts/generate-articles.ts');
const runCli = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot });
const take = (count: number, seed: number) => [...generateArticles(count, seed)];
const tally = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

const sample = take(10_000, 42);
const homeOf = new Map(topics.map((t) => [t.tag, t.home]));

describe('generateArticles', () => {
  it('is deterministic: the same seed yields identical articles', () => {
    expect(take(300, 42)).toEqual(sample.slice(0, 300));
  });

  it('yields different articles for a different seed', () => {
    const other = take(300, 43);
    const sameTitle = other.filter((a, i) => a.title === sample[i]?.title).length;
    expect(sameTitle).toBeLessThan(60);
    expect(other.map((a) => a.id)).not.toEqual(sample.slice(0, 300).map((a) => a.id));
  });

  it('yields exactly the requested count', () => {
    expect(take(0, 1)).toEqual([]);
    expect(take(1, 1)).toHaveLength(1);
    expect(take(1234, 1)).toHaveLength(1234);
  });

  it('rejects counts and seeds it cannot honour', () => {
    expect(() => take(-1, 1)).toThrow(RangeError);
    expect(() => take(10, 2 ** 32)).toThrow(RangeError);
    expect(() => take(10, 1.5)).toThrow(RangeError);
  });

  it('produces articles the schema accepts', () => {
    for (const article of sample.slice(0, 2_000)) {
      expect(articleInputSchema.safeParse(article).error?.issues ?? [], article.id).toEqual([]);
    }
  });

  it('gives 10k articles unique slug ids within the length limit', () => {
    const ids = sample.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length <= 120 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))).toBe(true);
  });

  it('keeps ids distinct across seeds', () => {
    const ids = new Set([...take(2_000, 1), ...take(2_000, 11)].map((a) => a.id));
    expect(ids.size).toBe(4_000);
  });

  it('keeps the editorial structure: 2-6 known tags, 3-5 takeaways, 3-6 sections', () => {
    const known = new Set(topics.map((t) => t.tag));
    const within = (n: number, min: number, max: number) => n >= min && n <= max;
    const malformed = sample.filter(
      (a) =>
        !within(a.tags.length, 2, 6) ||
        new Set(a.tags).size !== a.tags.length ||
        !a.tags.every((t) => known.has(t)) ||
        !(categories as readonly string[]).includes(a.category) ||
        !within(a.keyTakeaways.length, 3, 5) ||
        !within(a.sections.length, 3, 6) ||
        !a.sections.every((s) => within(s.body.split('\n\n').length, 1, 3)) ||
        !within(a.summary.split(/(?<=\.)\s+/).length, 1, 3),
    );
    expect(malformed.map((a) => a.id)).toEqual([]);
  });

  it('states read times of 2-12 minutes that match the text length', () => {
    const mismatched = sample.filter(
      (a) => a.readTimeMinutes !== Math.min(12, readTimeForWords(articleWordCount(a))),
    );
    expect(mismatched.map((a) => a.id)).toEqual([]);
    const minutes = tally(sample.map((a) => String(a.readTimeMinutes)));
    // Lognormal: most articles are short, with a long tail of in-depth pieces.
    expect((minutes.get('2') ?? 0) + (minutes.get('3') ?? 0)).toBeGreaterThan(sample.length * 0.45);
    expect(sample.filter((a) => a.readTimeMinutes >= 8).length).toBeGreaterThan(100);
    expect(minutes.get('12')).toBeGreaterThan(0);
  });

  it('dates articles from 2019 to the corpus cut-off, skewed toward recent years', () => {
    const years = tally(sample.map((a) => a.publishedAt.slice(0, 4)));
    expect([...years.keys()].sort()).toEqual([
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    expect(sample.every((a) => a.publishedAt <= '2026-11-25')).toBe(true);
    expect(years.get('2025') ?? 0).toBeGreaterThan(3 * (years.get('2020') ?? 0));
  });

  it('labels about 85% of articles with a realistic mix of evidence', () => {
    const labeled = sample.filter((a) => a.evidence !== null);
    expect(labeled.length / sample.length).toBeCloseTo(labeledShare, 1);
    const types = tally(labeled.map((a) => a.evidence?.type ?? ''));
    expect(types.size).toBe(evidenceTypes.length);
    const sources = tally(labeled.map((a) => a.evidence?.source ?? ''));
    expect(sources.size).toBeGreaterThanOrEqual(15);
    expect(sources.get('Diabetes Care')).toBeGreaterThan(0);
    expect(sources.get('Diabetes care')).toBeGreaterThan(0);
    const preclinical = labeled.filter((a) => a.evidence?.type === 'Preclinical study');
    expect(preclinical.every((a) => a.evidence?.source !== 'Pediatric Diabetes')).toBe(true);
  });

  it('draws tags with Zipf-like popularity and files articles by their lead tag', () => {
    const tags = tally(sample.flatMap((a) => a.tags));
    const ranked = [...tags.values()].sort((a, b) => b - a);
    expect(tags.size).toBe(topics.length);
    expect(ranked[0]).toBeGreaterThan(10 * (ranked.at(-1) ?? 0));
    expect([...tags].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe(topics[0]?.tag);
    const filedByLeadTag = sample.filter((a) => homeOf.get(a.tags[0] ?? '') === a.category);
    expect(filedByLeadTag.length / sample.length).toBeGreaterThan(0.75);
    expect(new Set(sample.map((a) => a.category)).size).toBe(categories.length);
  });

  it('covers every tag, category and evidence type used by the fixture corpus', () => {
    const dir = new URL('../fixtures/articles/', import.meta.url);
    const fixtures = readdirSync(dir).map(
      (f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as ArticleInput,
    );
    const vocabulary = new Set(topics.map((t) => t.tag));
    expect(fixtures.flatMap((a) => a.tags).filter((t) => !vocabulary.has(t))).toEqual([]);
    expect(
      fixtures.map((a) => a.category).filter((c) => !(categories as readonly string[]).includes(c)),
    ).toEqual([]);
    const types = new Set(evidenceTypes.map(([type]) => type));
    expect(
      fixtures.flatMap((a) => (a.evidence ? [a.evidence.type] : [])).filter((t) => !types.has(t)),
    ).toEqual([]);
  });
});

describe('generate-articles CLI', () => {
  it('streams the same articles as JSONL to --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generate-articles-'));
    try {
      const out = join(dir, 'nested', 'synthetic.jsonl');
      await runCli('--count', '1500', '--seed', '7', '--out', out);
      const lines = (await readFile(out, 'utf8')).split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toEqual(take(1_500, 7).map((a) => JSON.stringify(a)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(runCli('--count', 'lots')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--count'),
    });
  });
});
