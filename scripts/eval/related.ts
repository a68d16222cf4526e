/**
 * `npm run eval:related -- [--dataset scifact|med|all] [--split test|train] [--json <file>]
 *   [--tuning '<json>']` (--tuning: ranking constants merged over production's, experiments only)
 *
 * Offline quality of the related-articles recommender on the public test collections in
 * ../shared/eval. Two documents judged relevant to the same query count as related; every
 * document with at least one related document is a source. Reported per method, averaged over
 * the sources: precision@4 and nDCG@4 (the widget shows 4), and intra-list diversity (ILD: mean
 * pairwise 1 − cosine similarity of the 4 items' TF-IDF vectors; higher = less redundant).
 *
 * Methods:
 * - recommender: production RelatedEngine (shared/recommend) against the real index mapping;
 * - more_like_this: a plain more_like_this on the source document with OpenSearch's defaults;
 * - tag overlap: most shared tags first (ties: id).
 *
 * The collections have no tags, so they are derived, deterministically, from each document's own
 * text (see `deriveTags`). They have no journals, evidence labels, categories or dates either:
 * every document gets the same ones, so those parts of the ranking and of the diversification
 * are neutral here; measured are content similarity, tag rarity, the good-match threshold with
 * its fallback fill, and MMR over shared tags. Tune on SciFact `train`; report `test` and MED.
 *
 * Uses OPENSEARCH_URL when set, otherwise starts a local node on port 9270 (data under
 * .local/opensearch/eval-related) and stops it afterwards.
 */
import { parseArgs } from 'node:util';
import type { Article } from '../../shared/articles/schema.js';
import type { OpenSearchClient } from '../../shared/clients/opensearch.js';
import { RelatedEngine } from '../../shared/recommend/related-engine.js';
import { sourceFromArticle } from '../../shared/recommend/related-source.js';
import { type RelatedTuning, relatedTuning } from '../../shared/recommend/tuning.js';
import { startLocalSearch } from '../local/local-search.js';
import {
  type Collection,
  type CollectionDocument,
  type DatasetName,
  datasets,
  loadCollection,
  parseSplit,
  toArticle,
} from './collections.js';
import { indexArticles } from './evaluate.js';
import { writeJsonReport } from './json-report.js';
import { ndcgAt } from './metrics.js';

const listLength = 4;
const tagsPerDocument = 5;
const methods = ['recommender', 'more_like_this', 'tag overlap'] as const;
type Method = (typeof methods)[number];

interface MethodScores {
  precision: number;
  ndcg: number;
  diversity: number;
  /** Share of listed items that are fallback fill (recommender only). */
  fallback: number;
}

// ---------------------------------------------------------------------------------------------
// Derived labels

/** A common English stop list; tags and TF-IDF vectors ignore these words. */
const stopwords = new Set(
  `a about above after again against all also am an and any are as at be because been before
  being below between both but by can could did do does doing down during each either et few for
  from further had has have having he her here hers herself him himself his how however i if in
  into is it its itself just may me might more most must my myself no nor not now of off on once
  only or other our ours ourselves out over own per same she should so some such than that the
  their theirs them themselves then there these they this those through thus to too under until up
  upon very via was we were what when where which while who whom why will with within without
  would you your yours yourself yourselves`.split(/\s+/),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []).filter(
    (word) => word.length >= 3 && !stopwords.has(word),
  );
}

function termCounts(doc: CollectionDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words(`${doc.title} ${doc.text}`))
    counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

interface CorpusTerms {
  counts: Map<string, Map<string, number>>;
  documentFrequency: Map<string, number>;
  size: number;
}

function corpusTerms(documents: readonly CollectionDocument[]): CorpusTerms {
  const counts = new Map(documents.map((doc) => [doc.id, termCounts(doc)]));
  const documentFrequency = new Map<string, number>();
  for (const terms of counts.values()) {
    for (const term of terms.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { counts, documentFrequency, size: documents.length };
}

/**
 * Tags an editor might have given: the document's most significant words by TF-IDF, among words
 * at least one other document shares (a tag nobody shares cannot relate anything) and at most 5%
 * of documents carry (a tag on everything is no topic). Ties break alphabetically.
 */
function deriveTags(id: string, terms: CorpusTerms): string[] {
  const maxFrequency = Math.max(2, Math.floor(terms.size * 0.05));
  return [...(terms.counts.get(id) ?? new Map<string, number>())]
    .flatMap(([term, tf]) => {
      const df = terms.documentFrequency.get(term) ?? 0;
      return df >= 2 && df <= maxFrequency
        ? [{ term, weight: tf * Math.log(terms.size / df) }]
        : [];
    })
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, tagsPerDocument)
    .map(({ term }) => term);
}

function labeledArticle(
  doc: CollectionDocument,
  dataset: DatasetName,
  terms: CorpusTerms,
): Article {
  return {
    ...toArticle(doc, dataset),
    tags: deriveTags(doc.id, terms),
    // no journal or study design is known: one label for all, so that part of MMR is neutral
    evidence: { source: `${dataset} collection`, type: 'Indexed literature' },
  };
}

// ---------------------------------------------------------------------------------------------
// Relatedness and metrics

/** Document → the other documents judged relevant to one of its queries. */
function relatedPairs(collection: Collection): Map<string, Map<string, number>> {
  const related = new Map<string, Map<string, number>>();
  for (const judged of collection.qrels.values()) {
    const relevant = [...judged].filter(([, grade]) => grade > 0).map(([id]) => id);
    for (const id of relevant) {
      const others = related.get(id) ?? new Map<string, number>();
      for (const other of relevant) if (other !== id) others.set(other, 1);
      related.set(id, others);
    }
  }
  return new Map([...related].filter(([, others]) => others.size > 0));
}

/** L2-normalised TF-IDF vectors, for the diversity figure only. */
function tfidfVectors(terms: CorpusTerms): Map<string, Map<string, number>> {
  const vectors = new Map<string, Map<string, number>>();
  for (const [id, counts] of terms.counts) {
    const vector = new Map<string, number>();
    for (const [term, tf] of counts) {
      vector.set(term, tf * Math.log(terms.size / (terms.documentFrequency.get(term) ?? 1)));
    }
    const norm = Math.sqrt([...vector.values()].reduce((s, v) => s + v * v, 0)) || 1;
    for (const [term, value] of vector) vector.set(term, value / norm);
    vectors.set(id, vector);
  }
  return vectors;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) dot += value * (large.get(term) ?? 0);
  return dot;
}

/** Mean pairwise dissimilarity of a list; undefined for lists of fewer than two. */
function intraListDiversity(ids: readonly string[], vectors: Map<string, Map<string, number>>) {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = vectors.get(ids[i] as string);
      const b = vectors.get(ids[j] as string);
      if (!a || !b) continue;
      sum += 1 - cosine(a, b);
      pairs++;
    }
  }
  return pairs === 0 ? undefined : sum / pairs;
}

// ---------------------------------------------------------------------------------------------
// Methods

type Recommend = (article: Article) => Promise<Array<{ id: string; fallback: boolean }>>;

function recommenders(
  client: OpenSearchClient,
  alias: string,
  tuning: RelatedTuning,
): Record<Method, Recommend> {
  const engine = new RelatedEngine(client, alias, tuning);
  const today = new Date().toISOString().slice(0, 10);
  /** The first `listLength` ids of a search on the collection's index (no `_source`). */
  const topIds = async (body: Record<string, unknown>) => {
    const res = await client.search({
      index: alias,
      body: { size: listLength, _source: false, ...body },
    } as never);
    return (res.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((hit) => ({
      id: hit._id,
      fallback: false,
    }));
  };
  return {
    recommender: async (article) =>
      (await engine.compute(sourceFromArticle(article), { today, limit: listLength })).items.map(
        (item) => ({ id: item.doc.id, fallback: item.fallback }),
      ),
    more_like_this: (article) =>
      topIds({
        query: {
          more_like_this: {
            fields: ['title', 'summary', 'keyTakeaways', 'body'],
            like: [{ _id: article.id }],
          },
        },
      }),
    'tag overlap': (article) =>
      topIds({
        sort: ['_score', { id: 'asc' }],
        query: {
          bool: {
            must_not: [{ ids: { values: [article.id] } }],
            should: article.tags.map((tag) => ({
              constant_score: { filter: { term: { tags: tag } } },
            })),
            minimum_should_match: 1,
          },
        },
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Run

interface SourceScores {
  precision: number;
  ndcg: number;
  /** Undefined for a list of fewer than two items. */
  diversity: number | undefined;
  fallback: number;
}

interface DatasetResult {
  sources: number;
  pairs: number;
  scores: Record<Method, MethodScores>;
  /** Recommender minus each baseline, mean and 95% paired bootstrap interval. */
  differences: Record<Exclude<Method, 'recommender'>, { ndcg: Interval; diversity: Interval }>;
}

interface Interval {
  mean: number;
  low: number;
  high: number;
}

async function evaluateDataset(
  client: OpenSearchClient,
  collection: Collection,
  tuning: RelatedTuning,
  log: (line: string) => void,
): Promise<DatasetResult> {
  const terms = corpusTerms(collection.documents);
  const articles = new Map(
    collection.documents.map((doc) => [doc.id, labeledArticle(doc, collection.dataset, terms)]),
  );
  const vectors = tfidfVectors(terms);
  const related = relatedPairs(collection);
  const sources = [...related];
  const index = await indexArticles(client, `eval-related-${collection.dataset}`, [
    ...articles.values(),
  ]);
  try {
    log(
      `${collection.dataset}/${collection.split}: indexed ${articles.size} documents, ${related.size} sources`,
    );
    const run = recommenders(client, index.alias, tuning);
    const perSource = {} as Record<Method, SourceScores[]>;
    for (const method of methods) {
      const results: SourceScores[] = [];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < sources.length; i = next++) {
          const [id, relevant] = sources[i] as [string, Map<string, number>];
          const list = (await run[method](articles.get(id) as Article)).slice(0, listLength);
          const ranked = list.map((item) => item.id);
          results[i] = {
            precision: ranked.filter((r) => relevant.has(r)).length / listLength,
            ndcg: ndcgAt(listLength, ranked, relevant),
            diversity: intraListDiversity(ranked, vectors),
            fallback: list.filter((item) => item.fallback).length / listLength,
          };
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      perSource[method] = results;
    }
    const scores = {} as Record<Method, MethodScores>;
    for (const method of methods) {
      const rows = perSource[method];
      const diversities = rows.flatMap((r) => (r.diversity === undefined ? [] : [r.diversity]));
      scores[method] = {
        precision: mean(rows.map((r) => r.precision)),
        ndcg: mean(rows.map((r) => r.ndcg)),
        diversity: mean(diversities),
        fallback: mean(rows.map((r) => r.fallback)),
      };
    }
    const versus = (baseline: Exclude<Method, 'recommender'>) => {
      const ours = perSource.recommender;
      const theirs = perSource[baseline];
      const paired = (pick: (r: SourceScores) => number | undefined) =>
        ours.flatMap((r, i) => {
          const a = pick(r);
          const b = pick(theirs[i] as SourceScores);
          return a === undefined || b === undefined ? [] : [a - b];
        });
      return {
        ndcg: bootstrapInterval(paired((r) => r.ndcg)),
        diversity: bootstrapInterval(paired((r) => r.diversity)),
      };
    };
    const pairs = [...related.values()].reduce((n, others) => n + others.size, 0) / 2;
    return {
      sources: related.size,
      pairs,
      scores,
      differences: {
        more_like_this: versus('more_like_this'),
        'tag overlap': versus('tag overlap'),
      },
    };
  } finally {
    await index.drop();
  }
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Mean of per-source differences with a 95% percentile bootstrap interval (2,000 resamples of
 * the sources, fixed seed so reruns agree): an interval above 0 is a difference that the choice
 * of sources does not explain.
 */
function bootstrapInterval(differences: readonly number[], resamples = 2_000): Interval {
  let state = 0x9e3779b9;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const n = differences.length;
  const means = Array.from({ length: resamples }, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[Math.floor(random() * n)] ?? 0;
    return n === 0 ? 0 : sum / n;
  }).sort((a, b) => a - b);
  return {
    mean: mean(differences),
    low: means[Math.floor(resamples * 0.025)] ?? 0,
    high: means[Math.ceil(resamples * 0.975) - 1] ?? 0,
  };
}

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'all' },
    split: { type: 'string', default: 'test' },
    json: { type: 'string' },
    tuning: { type: 'string' },
  },
});
const chosen = values.dataset === 'all' ? [...datasets] : [values.dataset as DatasetName];
if (!chosen.every((d) => datasets.includes(d))) {
  throw new Error(`--dataset must be all or one of ${datasets.join(', ')}`);
}
const split = parseSplit(values.split);

const tuning = values.tuning ? merged(relatedTuning, JSON.parse(values.tuning)) : relatedTuning;

/** `base` with the values of `override` put in, object by object. */
function merged<T>(base: T, override: unknown): T {
  if (typeof base !== 'object' || base === null || typeof override !== 'object' || !override) {
    return (override ?? base) as T;
  }
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    result[key] = merged((base as Record<string, unknown>)[key], value);
  }
  return result as T;
}

const log = (line: string) => process.stderr.write(`[eval:related] ${line}\n`);
const { client, close } = await startLocalSearch({
  port: 9270,
  dataDirName: 'eval-related',
  log,
  requestTimeoutMs: 60_000,
});
try {
  const report: Record<string, unknown> = {};
  const lines = [
    '| collection | sources (pairs) | method | P@4 | nDCG@4 | ILD | fallback items |',
    '|---|---|---|---|---|---|---|',
  ];
  const differenceLines = [
    '| collection | recommender − | nDCG@4 difference [95% CI] | ILD difference [95% CI] |',
    '|---|---|---|---|',
  ];
  const interval = (d: Interval) =>
    `${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(4)} [${d.low.toFixed(4)}, ${d.high.toFixed(4)}]`;
  for (const dataset of chosen) {
    const collection = await loadCollection(dataset, dataset === 'med' ? 'test' : split);
    const result = await evaluateDataset(client, collection, tuning, log);
    report[`${dataset}/${collection.split}`] = result;
    for (const method of methods) {
      const s = result.scores[method];
      lines.push(
        `| ${dataset} ${collection.split} | ${result.sources} (${result.pairs}) | ${method} | ` +
          `${s.precision.toFixed(4)} | ${s.ndcg.toFixed(4)} | ${s.diversity.toFixed(4)} | ` +
          `${(s.fallback * 100).toFixed(1)}% |`,
      );
    }
    for (const [baseline, d] of Object.entries(result.differences)) {
      differenceLines.push(
        `| ${dataset} ${collection.split} | ${baseline} | ${interval(d.ndcg)} | ${interval(d.diversity)} |`,
      );
    }
  }
  console.log(`${lines.join('\n')}\n\n${differenceLines.join('\n')}`);
  if (values.json) await writeJsonReport(values.json, report);
} finally {
  await close();
}
