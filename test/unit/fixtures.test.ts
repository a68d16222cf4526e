import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleWordCount, readTimeForWords } from '../../scripts/fixtures/read-time.js';
import { type ArticleInput, articleInputSchema } from '../../shared/articles/schema.js';

const fixturesDir = new URL('../fixtures/articles/', import.meta.url);
const files = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .sort();
const raw = files.map((file) => ({
  file,
  json: JSON.parse(readFileSync(new URL(file, fixturesDir), 'utf8')) as unknown,
}));
// Invalid files drop out here and are reported one by one by the schema test below.
const articles = raw.flatMap(({ json }) => {
  const parsed = articleInputSchema.safeParse(json);
  return parsed.success ? [parsed.data] : [];
});
const byId = new Map(articles.map((a) => [a.id, a]));

const seedId = 'exercise-may-help-calm-immune-system-type-1-diabetes';
const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const today = new Date().toISOString().slice(0, 10);
const fullText = (a: ArticleInput) =>
  [a.title, a.summary, ...a.keyTakeaways, ...a.sections.flatMap((s) => [s.heading, s.body])].join(
    '\n',
  );
const articlesMentioning = (term: string) =>
  articles.filter((a) => fullText(a).includes(term)).map((a) => a.id);
const distinct = <T>(values: T[]) => new Set(values).size;

describe('fixture corpus', () => {
  it('holds at least 44 articles, one file each, named after the id', () => {
    expect(files.length).toBeGreaterThanOrEqual(44);
    expect(files).toEqual(articles.map((a) => `${a.id}.json`));
    expect(distinct(articles.map((a) => a.id))).toBe(articles.length);
  });

  it.each(raw)('$file matches the article input schema exactly', ({ json }) => {
    // strict() rejects extra keys, so server-assigned version/updatedAt cannot sneak in.
    expect(articleInputSchema.safeParse(json).error?.issues ?? []).toEqual([]);
  });

  it('converts the seed article faithfully and keeps it in the corpus', () => {
    const seed = byId.get(seedId);
    expect(seed?.title).toBe('How Exercise May Help Calm the Immune System in Type 1 Diabetes');
    expect(seed).toMatchObject({
      category: 'Causes & What We Know',
      tags: ['causes', 'autoimmunity', 'genetics', 'risk'],
      publishedAt: '2026-06-19',
      readTimeMinutes: 3,
      heroImage: {
        alt: 'Scientist conducting research in a lab using a microscope and dropper.',
        credit: 'Edward Jenner (Pexels)',
        license: 'Pexels License',
      },
      evidence: { source: 'Diabetes care', type: 'PubMed indexed literature' },
    });
    expect(seed?.keyTakeaways).toHaveLength(4);
    expect(seed?.sections.map((s) => s.heading)).toEqual([
      'Understanding the Immune Problem in Type 1 Diabetes',
      'What Happens to Immunity During Exercise',
      'What Laboratory and Animal Studies Show',
      'Early Evidence from People with Type 1 Diabetes',
      'What This Means for Type 1 Diabetes Management',
    ]);
    expect(seed?.sections[1]?.body.split('\n\n')[1]).toMatch(/^Some of these exerkines/);
  });

  it('spans at least 8 categories and several evidence types', () => {
    expect(distinct(articles.map((a) => a.category))).toBeGreaterThanOrEqual(8);
    const types = articles.flatMap((a) => (a.evidence ? [a.evidence.type] : []));
    expect(distinct(types)).toBeGreaterThanOrEqual(6);
  });

  it('leaves at least 6 pieces unlabeled (evidence null)', () => {
    expect(articles.filter((a) => a.evidence === null).length).toBeGreaterThanOrEqual(6);
  });

  it('spells one journal two ways so the facet has something to normalise', () => {
    const sources = articles.map((a) => a.evidence?.source);
    expect(sources.filter((s) => s === 'Diabetes Care').length).toBeGreaterThanOrEqual(2);
    expect(sources.filter((s) => s === 'Diabetes care').length).toBeGreaterThanOrEqual(2);
  });

  it('uses lower-case slug tags, 2 to 6 per article, without repeats', () => {
    for (const a of articles) {
      expect(
        a.tags.every((t) => slug.test(t)),
        a.id,
      ).toBe(true);
      expect(a.tags.length, a.id).toBeGreaterThanOrEqual(2);
      expect(a.tags.length, a.id).toBeLessThanOrEqual(6);
      expect(distinct(a.tags), a.id).toBe(a.tags.length);
    }
  });

  it('dates every article between 2019 and today', () => {
    for (const a of articles) {
      expect(a.publishedAt >= '2019-01-01' && a.publishedAt <= today, a.id).toBe(true);
    }
    expect(distinct(articles.map((a) => a.publishedAt.slice(0, 4)))).toBeGreaterThanOrEqual(7);
  });

  it('keeps the article structure editors use', () => {
    for (const a of articles) {
      const sentences = a.summary.split(/(?<=[.!?])\s+/).length;
      expect(sentences, a.id).toBeGreaterThanOrEqual(1);
      expect(sentences, a.id).toBeLessThanOrEqual(3);
      expect(a.keyTakeaways.length, a.id).toBeGreaterThanOrEqual(3);
      expect(a.keyTakeaways.length, a.id).toBeLessThanOrEqual(5);
      expect(a.sections.length, a.id).toBeGreaterThanOrEqual(3);
      expect(a.sections.length, a.id).toBeLessThanOrEqual(6);
      for (const s of a.sections) {
        const paragraphs = s.body.split('\n\n');
        expect(paragraphs.length, `${a.id}: ${s.heading}`).toBeLessThanOrEqual(3);
        expect(paragraphs.every((p) => p.trim() === p && p.length > 0)).toBe(true);
      }
    }
  });

  it('states a read time that matches the length at about 200 words per minute', () => {
    for (const a of articles) {
      expect(a.readTimeMinutes, a.id).toBe(readTimeForWords(articleWordCount(a)));
    }
    expect(distinct(articles.map((a) => a.readTimeMinutes))).toBeGreaterThanOrEqual(4);
  });

  it('has a title with a literal <script> tag to exercise HTML escaping', () => {
    expect(articles.filter((a) => a.title.includes('<script>'))).toHaveLength(1);
  });

  it('mentions the identifiers and synonyms search has to handle', () => {
    const terms = [
      'GAD65',
      'GAD67',
      'HLA-DR3',
      'HLA-DR4',
      'IL2RA',
      'IA-2',
      'ZnT8',
      'C-peptide',
      'HbA1c',
      'T1D',
      'type 1 diabetes',
      'IDDM',
      'juvenile diabetes',
      'CGM',
      'continuous glucose monitor',
      'beta cells',
      'β-cells',
      'islet cells',
    ];
    for (const term of terms) expect(articlesMentioning(term), term).not.toEqual([]);
    // GAD65 and GAD67 live in different articles, so a search for one must not return the other.
    const gad65 = articlesMentioning('GAD65');
    expect(articlesMentioning('GAD67').filter((id) => gad65.includes(id))).toEqual([]);
    // One CGM article avoids the acronym entirely, so only synonym expansion can find it.
    const spelledOut = articlesMentioning('continuous glucose monitor');
    const acronym = articlesMentioning('CGM');
    expect(spelledOut.some((id) => !acronym.includes(id))).toBe(true);
  });

  it('contains clusters of related articles for recommendations to find', () => {
    const tagged = (tag: string) => articles.filter((a) => a.tags.includes(tag));
    expect(tagged('teplizumab').length).toBeGreaterThanOrEqual(2);
    expect(tagged('cgm').filter((a) => a.tags.includes('accuracy')).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(tagged('closed-loop').length).toBeGreaterThanOrEqual(2);
    const geneticsAndAutoimmunity = articles.filter(
      (a) => a.tags.includes('genetics') && a.tags.includes('autoimmunity'),
    );
    expect(geneticsAndAutoimmunity.length).toBeGreaterThanOrEqual(5);
  });
});
