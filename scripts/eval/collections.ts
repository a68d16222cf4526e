import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Article } from '../../shared/articles/schema.js';
import { repoRoot } from '../local/repo-root.js';

/**
 * Loader for the public IR test collections in `../shared/eval/` (BEIR layout: corpus.jsonl,
 * queries.jsonl, qrels/<split>.tsv). Shared by the search and related-articles evaluations.
 */

export const datasets = ['scifact', 'med'] as const;
export type DatasetName = (typeof datasets)[number];
export type Split = 'train' | 'test';

/** The `--split` option's value, checked. */
export function parseSplit(value: string | undefined): Split {
  if (value !== 'test' && value !== 'train') throw new Error('--split must be test or train');
  return value;
}

/** Splits that have relevance judgments (MED has only one query set). */
export const splitsOf: Record<DatasetName, readonly Split[]> = {
  scifact: ['train', 'test'],
  med: ['test'],
};

/** Where the collections live: EVAL_DATA_DIR, or `shared/eval` beside the repository. */
export const evalDataDir = () =>
  process.env.EVAL_DATA_DIR ?? join(repoRoot, '..', 'shared', 'eval');

export interface CollectionDocument {
  id: string;
  title: string;
  text: string;
}

export interface CollectionQuery {
  id: string;
  text: string;
}

/** Query id → relevant document id → grade (all grades are 1 in these collections). */
export type Qrels = Map<string, Map<string, number>>;

export interface Collection {
  dataset: DatasetName;
  split: Split;
  documents: CollectionDocument[];
  /** Only the split's queries that have judgments, in file order. */
  queries: CollectionQuery[];
  qrels: Qrels;
}

/** Loads corpus, the split's judged queries and their judgments. */
export async function loadCollection(
  dataset: DatasetName,
  split: Split,
  dir = join(evalDataDir(), dataset),
): Promise<Collection> {
  if (!splitsOf[dataset].includes(split)) {
    throw new Error(`${dataset} has no ${split} split (it has: ${splitsOf[dataset].join(', ')})`);
  }
  const qrels = await loadQrels(join(dir, 'qrels', `${split}.tsv`));
  const documents = await loadDocuments(join(dir, 'corpus.jsonl'));
  const queries = (await loadQueries(join(dir, 'queries.jsonl'))).filter((q) => qrels.has(q.id));
  return { dataset, split, documents, queries, qrels };
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
 * Queries with their id and text only. SciFact's `metadata` holds the evidence annotations, the
 * answer key: it is dropped here so nothing downstream can index it or feed it to the system.
 */
export async function loadQueries(file: string): Promise<CollectionQuery[]> {
  const queries: CollectionQuery[] = [];
  for await (const row of jsonLines(file)) {
    const { _id, text } = row as { _id: string; text: string };
    queries.push({ id: String(_id), text });
  }
  return queries;
}

/** A `query-id corpus-id score` TSV with a header line. */
export async function loadQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  const lines = (await readFile(file, 'utf8')).split('\n').slice(1);
  for (const line of lines) {
    const [queryId, docId, score] = line.trim().split('\t');
    if (!queryId || !docId) continue;
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(docId, Number(score ?? 1));
    qrels.set(queryId, judged);
  }
  return qrels;
}

async function* jsonLines(file: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
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
