/**
 * Deterministic synthetic Type1Cure corpus for load tests, relevance evaluation and benchmarks.
 *
 *   npx tsx scripts/generate-articles.ts --count 5000 --seed 42 --out .local/synthetic-5000.jsonl
 *
 * Writes one article per line (JSONL) to --out, or to stdout when --out is omitted. Articles are
 * produced one at a time and written with backpressure, so 200k articles never sit in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { minorWords } from '../shared/articles/journal-name.js';
import type { ArticleInput } from '../shared/articles/schema.js';
import {
  basicScienceTypes,
  evidenceTypes,
  journals,
  labeledShare,
} from './fixtures/evidence-vocabulary.js';
import { readTimeForWords } from './fixtures/read-time.js';
import { createRandom, type SeededRandom, WeightedTable } from './fixtures/seeded-random.js';
import {
  conditionNames,
  designPhrases,
  headingTemplates,
  heroImages,
  middleSectionKinds,
  outcomes,
  populationByTag,
  populations,
  type SectionKind,
  sentenceTemplates,
  summaryFollowUps,
  summaryLeads,
  takeawayTemplates,
  titleTemplates,
} from './fixtures/text-templates.js';
import { type Category, categories, type Topic, topics } from './fixtures/topic-vocabulary.js';

/** Publication window: the first Type1Cure summaries up to the corpus cut-off. */
const firstPublished = Date.UTC(2019, 0, 1);
const lastPublished = Date.UTC(2026, 10, 25);
const dayMs = 86_400_000;

const maxReadTime = 12;
/** Zipf exponent for tag popularity; around 1 matches editorial tag libraries. */
const zipfExponent = 0.85;
/** Share of articles filed under the home category of their lead tag. */
const homeCategoryShare = 0.8;
/** Share of secondary tags drawn from the article's own category rather than the whole library. */
const sameCategoryTagShare = 0.5;
const heroImageShare = 0.65;
/** Lognormal read time: median minutes and spread of its logarithm. */
const readTimeMedian = 3.2;
const readTimeSpread = 0.5;
const wordsPerParagraph = 110;

type Slots = Record<SlotName, string>;
type SlotName = (typeof slotNames)[number];
const slotNames = [
  'topic',
  'Topic',
  'topic2',
  'Topic2',
  'population',
  'Population',
  'outcome',
  'Outcome',
  'design',
  'Design',
  't1d',
] as const;

interface Template {
  fill(slots: Slots): string;
  /** Word count of the literal text, so lengths are tracked without re-scanning output. */
  literalWords: number;
  slots: readonly SlotName[];
}

/** Splits "{Topic} and {topic2}" once into literals and slots; filling is then a join. */
function compile(text: string): Template {
  const parts = text.split(/\{(\w+)\}/);
  const slots = parts.filter((_, i) => i % 2 === 1) as SlotName[];
  for (const slot of slots) {
    if (!(slotNames as readonly string[]).includes(slot)) throw new Error(`unknown slot {${slot}}`);
  }
  const literals = parts.filter((_, i) => i % 2 === 0);
  const literalWords = literals.join(' ').split(' ').filter(Boolean).length;
  return {
    literalWords,
    slots,
    fill: (values) => {
      let out = literals[0] ?? '';
      for (let i = 0; i < slots.length; i++) {
        out += values[slots[i] as SlotName] + (literals[i + 1] ?? '');
      }
      return out;
    },
  };
}

const compileAll = (texts: readonly string[]): Template[] => texts.map(compile);

const titles = compileAll(titleTemplates);
const leads = compileAll(summaryLeads);
const followUps = compileAll(summaryFollowUps);
const takeaways = compileAll(takeawayTemplates);
const headings = mapKinds((kind) => compileAll(headingTemplates[kind]));
const sentences = mapKinds((kind) => compileAll(sentenceTemplates[kind]));

function mapKinds<T>(build: (kind: SectionKind) => T): Record<SectionKind, T> {
  const kinds: SectionKind[] = ['background', ...middleSectionKinds, 'meaning'];
  return Object.fromEntries(kinds.map((kind) => [kind, build(kind)])) as Record<SectionKind, T>;
}

const zipf = (rank: number): number => 1 / (rank + 1) ** zipfExponent;
const allTopics = new WeightedTable(topics.map((topic, rank) => [topic, zipf(rank)] as const));
const topicsByCategory = new Map<Category, WeightedTable<Topic>>(
  categories.flatMap((category) => {
    const own = topics.flatMap((topic, rank) =>
      topic.home === category ? [[topic, zipf(rank)] as const] : [],
    );
    return own.length > 0 ? [[category, new WeightedTable(own)] as const] : [];
  }),
);
/** Categories weighted by how much of the library files under them. */
const categoryTable = new WeightedTable(
  categories.map((category) => {
    const weight = topics.reduce((n, t, rank) => n + (t.home === category ? zipf(rank) : 0), 0);
    return [category, weight] as const;
  }),
);
const tagCounts = new WeightedTable<number>([
  [2, 20],
  [3, 30],
  [4, 28],
  [5, 15],
  [6, 7],
]);
const typeTable = new WeightedTable(evidenceTypes);
const clinicalJournals = new WeightedTable(
  journals.filter(([, , kind]) => kind === 'clinical').map(([s, w]) => [s, w] as const),
);
const basicJournals = new WeightedTable(
  journals.filter(([, , kind]) => kind === 'basic').map(([s, w]) => [s, w] as const),
);

/**
 * Title-cases a phrase that sits inside a title: lower-case words are capitalised except minor
 * ones, and HLA-DR4, CGM or β-cells stay as written. The title's own first letter is
 * capitalised separately, by `sentenceCase`.
 */
function titleCase(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) =>
      /^[a-z]/.test(word) && !minorWords.has(word)
        ? word.charAt(0).toUpperCase() + word.slice(1)
        : word,
    )
    .join(' ');
}

/** Capitalises a leading a–z only, so "β-cells" and "CGM" stay as written. */
function sentenceCase(text: string): string {
  return /^[a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function slugify(text: string, maxLength: number): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 1));
}

const wordsIn = (text: string): number => text.split(' ').length;

/** Picks `count` distinct items, in random order. */
function pickDistinct<T>(random: SeededRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0] as T);
  }
  return picked;
}

function drawTags(random: SeededRandom): { tags: Topic[]; category: Category } {
  const lead = allTopics.draw(random);
  const category = random.chance(homeCategoryShare) ? lead.home : categoryTable.draw(random);
  const ownCategory = topicsByCategory.get(category);
  const count = tagCounts.draw(random);
  const tags = [lead];
  while (tags.length < count) {
    const table = ownCategory && random.chance(sameCategoryTagShare) ? ownCategory : allTopics;
    const candidate = table.draw(random);
    if (!tags.includes(candidate)) tags.push(candidate);
  }
  return { tags, category };
}

function drawEvidence(random: SeededRandom): ArticleInput['evidence'] {
  if (!random.chance(labeledShare)) return null;
  const type = typeTable.draw(random);
  const source = (basicScienceTypes.has(type) ? basicJournals : clinicalJournals).draw(random);
  return { source, type };
}

function drawSlots(random: SeededRandom, tags: readonly Topic[], design: string): Slots {
  const [lead, second] = tags;
  if (!lead || !second) throw new Error('an article needs at least two tags');
  const topic = random.pick(lead.phrases);
  const topic2 = random.pick(second.phrases);
  const implied = tags.map((t) => populationByTag[t.tag]).find((p) => p !== undefined);
  const population = implied ?? random.pick(populations);
  const outcome = random.pick(outcomes);
  return {
    topic,
    Topic: titleCase(topic),
    topic2,
    Topic2: titleCase(topic2),
    population,
    Population: titleCase(population),
    outcome,
    Outcome: titleCase(outcome),
    design,
    Design: titleCase(design),
    t1d: random.pick(conditionNames),
  };
}

/** Lognormal minutes, clamped to the range the site shows. */
function drawTargetMinutes(random: SeededRandom): number {
  const minutes = readTimeMedian * Math.exp(readTimeSpread * random.normal());
  return Math.min(maxReadTime, Math.max(2, minutes));
}

function drawSectionKinds(random: SeededRandom, targetWords: number): SectionKind[] {
  const count = Math.min(6, Math.max(3, Math.round(targetWords / 450) + 2 + random.int(-1, 0)));
  const middle = pickDistinct(random, middleSectionKinds, count - 2).sort(
    (a, b) => middleSectionKinds.indexOf(a) - middleSectionKinds.indexOf(b),
  );
  return ['background', ...middle, 'meaning'];
}

/** Words still to write and paragraphs still to fill, shared by all sections of an article. */
interface WordBudget {
  words: number;
  paragraphs: number;
}

/**
 * Writes one section's paragraphs, each of at least two sentences and roughly its share of
 * the remaining word budget. One cursor walks the section's pool, so sentences repeat only
 * once a long section has used every template of its kind.
 */
function writeSection(
  random: SeededRandom,
  kind: SectionKind,
  slots: Slots,
  budget: WordBudget,
  paragraphCount: number,
): { body: string; words: number } {
  const pool = sentences[kind];
  let cursor = random.int(0, pool.length - 1);
  const paragraphs: string[] = [];
  let words = 0;
  for (let p = 0; p < paragraphCount; p++) {
    const share = Math.max(0, budget.words) / budget.paragraphs;
    const parts: string[] = [];
    let paragraphWords = 0;
    while (parts.length < 2 || paragraphWords < share) {
      const sentence = sentenceCase((pool[cursor % pool.length] as Template).fill(slots));
      parts.push(sentence);
      paragraphWords += wordsIn(sentence);
      cursor++;
    }
    paragraphs.push(parts.join(' '));
    words += paragraphWords;
    budget.words -= paragraphWords;
    budget.paragraphs--;
  }
  return { body: paragraphs.join('\n\n'), words };
}

function generateArticle(random: SeededRandom, seed: number, index: number): ArticleInput {
  const { tags, category } = drawTags(random);
  const evidence = drawEvidence(random);
  const slots = drawSlots(random, tags, designPhrases[evidence?.type ?? 'default'] ?? '');

  const title = sentenceCase(random.pick(titles).fill(slots));
  const summary = [random.pick(leads), ...pickDistinct(random, followUps, random.int(0, 2))]
    .map((t) => sentenceCase(t.fill(slots)))
    .join(' ');
  const keyTakeaways = pickDistinct(random, takeaways, random.int(3, 5)).map((t) =>
    sentenceCase(t.fill(slots)),
  );

  const targetWords = drawTargetMinutes(random) * 200;
  const kinds = drawSectionKinds(random, targetWords);
  const sectionHeadings = kinds.map((kind) =>
    sentenceCase(random.pick(headings[kind]).fill(slots)),
  );
  let words =
    wordsIn(title) +
    wordsIn(summary) +
    keyTakeaways.reduce((n, t) => n + wordsIn(t), 0) +
    sectionHeadings.reduce((n, h) => n + wordsIn(h), 0);

  const perSection = Math.min(
    3,
    Math.max(1, Math.round(targetWords / (kinds.length * wordsPerParagraph))),
  );
  const paragraphCounts = kinds.map(() => Math.min(3, Math.max(1, perSection + random.int(-1, 1))));
  const budget: WordBudget = {
    words: targetWords - words,
    paragraphs: paragraphCounts.reduce((n, c) => n + c, 0),
  };
  const sections = kinds.map((kind, i) => {
    const section = writeSection(random, kind, slots, budget, paragraphCounts[i] ?? 1);
    words += section.words;
    return { heading: sectionHeadings[i] as string, body: section.body };
  });

  // sqrt skews the draw toward recent dates: the library grows year on year.
  const day = Math.floor(Math.sqrt(random.next()) * ((lastPublished - firstPublished) / dayMs + 1));
  const image = random.chance(heroImageShare) ? random.pick(heroImages) : undefined;

  return {
    id: `${slugify(title, 90)}-${seed.toString(36)}-${index.toString(36)}`,
    title,
    summary,
    category,
    tags: tags.map((t) => t.tag),
    publishedAt: new Date(firstPublished + day * dayMs).toISOString().slice(0, 10),
    readTimeMinutes: Math.min(maxReadTime, readTimeForWords(words)),
    keyTakeaways,
    sections,
    ...(image ? { heroImage: { alt: image[0], credit: image[1], license: image[2] } } : {}),
    evidence,
  };
}

/**
 * Yields `count` synthetic articles; the same (count, seed) always yields identical articles,
 * and a longer run starts with exactly the articles of a shorter one. Ids are unique within a
 * seed and across seeds (they end in `-<seed>-<index>` in base 36).
 */
export function* generateArticles(count: number, seed: number): Generator<ArticleInput> {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`bad count: ${count}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  const random = createRandom(seed);
  for (let index = 0; index < count; index++) yield generateArticle(random, seed, index);
}

/** Flushes in chunks of about this many characters; one write per article would be slow. */
const chunkChars = 1 << 20;

async function writeJsonl(
  articles: Iterable<ArticleInput>,
  out: NodeJS.WritableStream,
): Promise<{ articles: number; bytes: number }> {
  let chunk = '';
  let written = 0;
  let bytes = 0;
  const flush = async () => {
    bytes += Buffer.byteLength(chunk);
    const ok = out.write(chunk);
    chunk = '';
    if (!ok) await once(out, 'drain');
  };
  for (const article of articles) {
    chunk += `${JSON.stringify(article)}\n`;
    written++;
    if (chunk.length >= chunkChars) await flush();
  }
  if (chunk.length > 0) await flush();
  return { articles: written, bytes };
}

function parseCli(argv: string[]): { count: number; seed: number; out: string | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError('--count must be a positive integer');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError('--seed must be an integer in [0, 4294967295]');
  }
  return { count, seed, out: values.out };
}

async function main(): Promise<void> {
  const { count, seed, out } = parseCli(process.argv.slice(2));
  const started = performance.now();
  if (out === undefined) {
    await writeJsonl(generateArticles(count, seed), process.stdout);
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  const file = createWriteStream(out);
  const result = await writeJsonl(generateArticles(count, seed), file);
  file.end();
  await once(file, 'finish');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (result.bytes / 1e6).toFixed(1);
  process.stderr.write(
    `wrote ${result.articles} articles (${megabytes} MB) to ${out} in ${seconds}s\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
