import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Article } from '../../shared/articles/schema.js';
import { repoRoot } from '../local/repo-root.js';
import { loadSiteCollection } from './site-collection.js';

/**
 * The evaluation datasets, one registry shared by the search and related-articles evaluations.
 * Each entry says which splits have judgments and how to load one; the public IR test
 * collections are vendored, gzipped, under `data/eval/<name>/` in the BEIR layout
 * (corpus.jsonl.gz, queries.jsonl.gz, qrels/<split>.tsv.gz), with their provenance and checksums
 * in a README beside them.
 */

export type Split = 'train' | 'test';

export interface DatasetSpec {
  /** Splits that have relevance judgments; `train` is the one to tune on. */
  splits: readonly Split[];
  /** Search evaluation only: no judged document pairs for the related-articles evaluation. */
  searchOnly?: boolean;
  /** Published BM25 nDCG@10 on the test split, when there is one. */
  publishedBm25?: { label: string; ndcg10: number };
  load(split: Split): Promise<Collection>;
}

/** Where the vendored collections live. */
export const evalDataDir = join(repoRoot, 'data', 'eval');

const beirDataset = (name: string, spec: Omit<DatasetSpec, 'load'>): DatasetSpec => ({
  ...spec,
  load: (split) => loadBeirCollection(name, split, join(evalDataDir, name)),
});

/** The judged visitor queries over the fixture corpus (data/eval/site/, site-collection.ts). */
const siteDataset: DatasetSpec = { splits: ['test'], searchOnly: true, load: loadSiteCollection };

export const datasets = {
  scifact: beirDataset('scifact', {
    splits: ['train', 'test'],
    // BEIR paper Table 2 = Anserini "multifield"; Anserini "flat" (one field) scores 0.679
    publishedBm25: { label: '0.665 multifield, 0.679 flat', ndcg10: 0.665 },
  }),
  med: beirDataset('med', { splits: ['test'] }),
  site: siteDataset,
} satisfies Record<string, DatasetSpec>;

export type DatasetName = keyof typeof datasets;
export const datasetNames = Object.keys(datasets) as DatasetName[];
/** The datasets the related-articles evaluation can use. */
export const relatedDatasetNames = datasetNames.filter((name) => !datasets[name].searchOnly);

/** The `--dataset` option's value, checked. */
export function parseDataset(value: string | undefined): DatasetName {
  if (value === undefined || !(value in datasets)) {
    throw new Error(`--dataset must be one of ${datasetNames.join(', ')}`);
  }
  return value as DatasetName;
}

/**
 * The split to evaluate: the one asked for (it must exist), else `train`, so nobody peeks at
 * test while tuning. A dataset without a train split (MED) falls back to its only split, with a
 * note saying so.
 */
export function chooseSplit(
  dataset: DatasetName,
  requested: string | undefined,
): { split: Split; note?: string } {
  const { splits } = datasets[dataset];
  if (requested === undefined) {
    if (splits.includes('train')) return { split: 'train' };
    const only = splits[0] as Split;
    return { split: only, note: `${dataset} has no train split: using ${only} (never tune on it)` };
  }
  if (requested !== 'test' && requested !== 'train')
    throw new Error('--split must be test or train');
  if (!splits.includes(requested)) {
    throw new Error(`${dataset} has no ${requested} split (it has: ${splits.join(', ')})`);
  }
  return { split: requested };
}

export interface CollectionDocument {
  id: string;
  title: string;
  text: string;
}

export interface CollectionQuery {
  id: string;
  text: string;
  /** The kind of query (the site set's `group`: questions, identifiers…), for per-group figures. */
  group?: string;
}

/** Query id → judged document id → grade (1 in SciFact and MED; 0–2 in site). */
export type Qrels = Map<string, Map<string, number>>;

export interface Collection {
  dataset: DatasetName;
  split: Split;
  documents: CollectionDocument[];
  /** Complete articles to index instead of `documents` mapped with `toArticle` (site). */
  articles?: Article[];
  /** The day searches run on; default: just after `collectionPublishedAt`. */
  now?: Date;
  /** Only the split's queries that have judgments, in file order. */
  queries: CollectionQuery[];
  qrels: Qrels;
}

/** Loads a dataset's corpus, the split's judged queries and their judgments. */
export async function loadCollection(dataset: DatasetName, split: Split): Promise<Collection> {
  const spec: DatasetSpec = datasets[dataset];
  if (!spec.splits.includes(split)) {
    throw new Error(`${dataset} has no ${split} split (it has: ${spec.splits.join(', ')})`);
  }
  return spec.load(split);
}

async function loadBeirCollection(name: string, split: Split, dir: string): Promise<Collection> {
  const qrels = await loadQrels(join(dir, 'qrels', `${split}.tsv.gz`));
  const documents = await loadDocuments(join(dir, 'corpus.jsonl.gz'));
  const queries = (await loadQueries(join(dir, 'queries.jsonl.gz'))).filter((q) => qrels.has(q.id));
  return { dataset: name as DatasetName, split, documents, queries, qrels };
}

export async function loadDocuments(file: string): Promise<CollectionDocument[]> {
  const documents: CollectionDocument[] = [];
  for await (const row of jsonLines(file)) {
    const { _id, title, text } = row as { _id: string; title?: string; text?: string };
    documents.push({ id: String(_id), title: title ?? '', text: text ?? '' });
  }
  return documents;
}

/**
 * Queries with their id, text and group (if any) only. SciFact's evidence annotations (the answer
 * key) were stripped when the file was vendored; should a `metadata` member ever appear, it is
 * dropped here so nothing downstream can index it or feed it to the system.
 */
export async function loadQueries(file: string): Promise<CollectionQuery[]> {
  const queries: CollectionQuery[] = [];
  for await (const row of jsonLines(file)) {
    const { _id, text, group } = row as { _id: string; text: string; group?: unknown };
    queries.push({ id: String(_id), text, ...(typeof group === 'string' && { group }) });
  }
  return queries;
}

/** A `query-id corpus-id score` TSV (gzipped if it ends in .gz) with a header line. */
export async function loadQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  const raw = await readFile(file);
  const lines = (file.endsWith('.gz') ? gunzipSync(raw) : raw)
    .toString('utf8')
    .split('\n')
    .slice(1);
  for (const line of lines) {
    const [queryId, docId, score] = line.trim().split('\t');
    if (!queryId || !docId) continue;
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(docId, Number(score ?? 1));
    qrels.set(queryId, judged);
  }
  return qrels;
}

/** The objects of a JSON-lines file, gzipped if its name ends in .gz. */
async function* jsonLines(file: string): AsyncGenerator<unknown> {
  const stream = createReadStream(file);
  const input = (file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream).setEncoding('utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line);
}

/** The fixed date collection documents are "published" on, so recency treats them all alike. */
export const collectionPublishedAt = '2020-01-01';

/**
 * A collection document in the article shape the index expects: title → title, the text as the
 * one section's body. Nothing else is invented; the remaining fields are neutral (no summary,
 * takeaways, tags or evidence). Not validated: MED documents have no title.
 */
export function toArticle(doc: CollectionDocument, dataset: DatasetName): Article {
  const words = doc.text.split(/\s+/).length;
  return {
    id: doc.id,
    title: doc.title,
    summary: '',
    category: dataset,
    tags: [],
    publishedAt: collectionPublishedAt,
    readTimeMinutes: Math.max(1, Math.round(words / 200)),
    keyTakeaways: [],
    sections: [{ heading: '', body: doc.text }],
    evidence: null,
    version: 1,
    updatedAt: `${collectionPublishedAt}T00:00:00.000Z`,
  };
}
