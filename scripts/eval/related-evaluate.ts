import type { Article } from '../../shared/articles/schema.js';
import type { OpenSearchClient } from '../../shared/clients/opensearch.js';
import { forEachConcurrently } from '../../shared/concurrency.js';
import { bootstrapMean, type Interval } from './bootstrap.js';
import {
  type Collection,
  type CollectionDocument,
  chooseSplit,
  type DatasetName,
  loadCollection,
  type Qrels,
} from './collections.js';
import { indexArticles, loadEvalSemantic } from './evaluate.js';
import { ndcgAt } from './metrics.js';
import {
  corpusTerms,
  intraListDiversity,
  labeledArticle,
  relatedPairs,
  tfidfVectors,
} from './related-labels.js';
import { listLength, type Method, type MethodContext } from './related-methods.js';

/**
 * Offline quality of related-article methods on a collection: two documents judged relevant to
 * the same query count as related; every document with a related one is a source article. Per
 * method, averaged over the sources: precision@4 and nDCG@4 (the widget shows 4), intra-list
 * diversity (ILD: mean pairwise 1 − cosine of the items' TF-IDF vectors) and the share of
 * fallback items, each with a 95% bootstrap interval over the sources.
 */

/** Which judgments make the related pairs: one split, or train and test together. */
export type PairSet = 'train' | 'test' | 'train+test';

export interface PairCollection {
  dataset: DatasetName;
  pairSet: PairSet;
  documents: CollectionDocument[];
  qrels: Qrels;
}

/**
 * The judgments to draw pairs from: `--split train|test|all`, default train (tune there).
 * `all` joins train and test judgments for more source articles (SciFact: reporting only, never
 * tuning); a dataset with one split uses it, with a note.
 */
export async function loadPairs(
  dataset: DatasetName,
  requested: string | undefined,
): Promise<{ pairs: PairCollection; note?: string }> {
  if (requested === 'all') {
    const { split: first, note } = chooseSplit(dataset, undefined);
    const parts: Collection[] = [await loadCollection(dataset, first)];
    if (first === 'train') parts.push(await loadCollection(dataset, 'test'));
    const [head] = parts as [Collection];
    const qrels: Qrels = new Map(parts.flatMap((part) => [...part.qrels]));
    const pairSet = parts.map((part) => part.split).join('+') as PairSet;
    return { pairs: { dataset, pairSet, documents: head.documents, qrels }, note };
  }
  const { split, note } = chooseSplit(dataset, requested);
  const collection = await loadCollection(dataset, split);
  return { pairs: { ...collection, pairSet: split }, note };
}

interface SourceScores {
  precision: number;
  ndcg: number;
  /** Undefined for a list of fewer than two items. */
  diversity: number | undefined;
  fallback: number;
}

export interface MethodResult {
  name: string;
  precision: Interval;
  ndcg: Interval;
  diversity: Interval;
  fallback: Interval;
  /** Per source, in source order, for paired comparisons. */
  perSource: SourceScores[];
}

/** A related-pairs collection indexed once, for running any number of methods on it. */
export interface PreparedPairs {
  sources: number;
  pairs: number;
  run(methods: readonly Method[]): Promise<MethodResult[]>;
  drop(): Promise<void>;
}

export async function preparePairs(
  client: OpenSearchClient,
  collection: PairCollection,
): Promise<PreparedPairs> {
  const terms = corpusTerms(collection.documents);
  // every article with its sentence vector, as the articles table holds them (vendored vectors)
  const { embedder, vectors: sentenceVectors } = await loadEvalSemantic(collection, () => {});
  const embeddingOf = (id: string) => {
    const vector = sentenceVectors.get(id);
    return vector ? { embedding: { model: embedder.model.name, hash: 'eval', vector } } : {};
  };
  const articles = new Map<string, Article>(
    collection.documents.map((doc) => [
      doc.id,
      { ...labeledArticle(doc, collection.dataset, terms), ...embeddingOf(doc.id) },
    ]),
  );
  const vectors = tfidfVectors(terms);
  const related = relatedPairs(collection.qrels);
  const sources = [...related];
  const index = await indexArticles(client, `eval-related-${collection.dataset}`, [
    ...articles.values(),
  ]);
  const ctx: MethodContext = {
    client,
    alias: index.alias,
    today: new Date().toISOString().slice(0, 10),
  };

  const runMethod = async (method: Method): Promise<MethodResult> => {
    const recommend = method.make(ctx);
    const perSource: SourceScores[] = [];
    await forEachConcurrently(sources, 4, async ([id, relevant], i) => {
      const list = (await recommend(articles.get(id) as Article)).slice(0, listLength);
      const ranked = list.map((item) => item.id);
      perSource[i] = {
        precision: ranked.filter((r) => relevant.has(r)).length / listLength,
        ndcg: ndcgAt(listLength, ranked, relevant),
        diversity: intraListDiversity(ranked, vectors),
        fallback: list.filter((item) => item.fallback).length / listLength,
      };
    });
    return {
      name: method.name,
      precision: bootstrapMean(perSource.map((s) => s.precision)),
      ndcg: bootstrapMean(perSource.map((s) => s.ndcg)),
      diversity: bootstrapMean(
        perSource.flatMap((s) => (s.diversity === undefined ? [] : [s.diversity])),
      ),
      fallback: bootstrapMean(perSource.map((s) => s.fallback)),
      perSource,
    };
  };

  return {
    sources: sources.length,
    pairs: [...related.values()].reduce((n, others) => n + others.size, 0) / 2,
    run: async (methods) => {
      const results: MethodResult[] = [];
      for (const method of methods) results.push(await runMethod(method));
      return results;
    },
    drop: index.drop,
  };
}

/** `a` minus `b` in nDCG@4, paired by source, with its 95% bootstrap interval. */
export const ndcgDifference = (a: MethodResult, b: MethodResult): Interval =>
  bootstrapMean(a.perSource.map((s, i) => s.ndcg - (b.perSource[i]?.ndcg ?? 0)));
