import { randomBytes } from 'node:crypto';
import type { Article } from '../../shared/articles/schema.js';
import type { LiveItem } from '../../shared/articles/stored-article.js';
import type { OpenSearchClient } from '../../shared/clients/opensearch.js';
import { forEachConcurrently } from '../../shared/concurrency.js';
import { bulkWrite } from '../../shared/ingest/bulk-write.js';
import type { Relevance } from '../../shared/search/relevance.js';
import { parseSearchParams } from '../../shared/search/search-params.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { semanticRankingOf } from '../../shared/search/semantic-rerank.js';
import { toIndexDocument } from '../../shared/search-index/document.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';
import { type Embedder, loadEmbedder } from '../../shared/semantic/embedder.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { ensureModelFiles } from '../semantic/model-files.js';
import { collectionVectors } from './collection-vectors.js';
import {
  type Collection,
  type CollectionQuery,
  collectionPublishedAt,
  toArticle,
} from './collections.js';
import { type RetrievalScores, scoreQueries, scoreRun } from './metrics.js';

export interface EvaluationOptions {
  /** Evaluate only the first n judged queries (a quick check). */
  queryLimit?: number;
  /** Queries in flight at once. */
  concurrency?: number;
  /** Ranking constants to try instead of production's (experiments only). */
  tuning?: Relevance;
  /**
   * The semantic step: documents are indexed with these vectors (as the articles table would hold
   * them) and queries are embedded with this embedder. Without it ranking is lexical.
   */
  semantic?: { embedder: Embedder; vectors: ReadonlyMap<string, string> };
  log?: (line: string) => void;
}

export interface Evaluation extends RetrievalScores {
  /** Each query's scores, for confidence intervals. */
  perQuery: Array<RetrievalScores & { queryId: string }>;
  /** Query id → the ids search returned, best first (at most 100). */
  runs: Map<string, string[]>;
  /** With `semantic`: the same queries ranked lexically on the same index, for paired differences. */
  lexicalRuns?: Map<string, string[]>;
  queries: number;
  documents: number;
  indexMs: number;
  searchMs: number;
}

/** Results scored per query: Recall@100 needs the first hundred. */
const depth = 100;
const bulkChunk = 500;

/**
 * Measures production search on a test collection: the documents go into a fresh index created
 * from the project's template (mapping, analyzers, synonyms) through the indexer's bulk write,
 * every judged query runs through the search service exactly as `GET /search?q=` does (with a
 * page of 100), and the index is deleted afterwards.
 */
export async function evaluateSearch(
  client: OpenSearchClient,
  collection: Collection,
  options: EvaluationOptions = {},
): Promise<Evaluation> {
  const log = options.log ?? (() => {});
  const indexStarted = performance.now();
  const index = await indexCollection(client, collection, options.semantic);
  try {
    const indexMs = performance.now() - indexStarted;
    const count = collection.articles?.length ?? collection.documents.length;
    log(`indexed ${count} documents in ${(indexMs / 1000).toFixed(1)} s`);
    const queries = collection.queries.slice(0, options.queryLimit);
    const searchStarted = performance.now();
    const runs = await rankQueries(client, index.alias, queries, {
      ...options,
      now: collection.now,
    });
    const searchMs = performance.now() - searchStarted;
    log(`ran ${queries.length} queries in ${(searchMs / 1000).toFixed(1)} s`);
    const lexicalRuns =
      options.semantic &&
      (await rankQueries(client, index.alias, queries, {
        ...options,
        semantic: undefined,
        now: collection.now,
      }));
    const judgments = judgmentsOf(collection, queries);
    return {
      ...scoreRun(runs, judgments),
      perQuery: scoreQueries(runs, judgments),
      runs,
      lexicalRuns,
      queries: queries.length,
      documents: collection.documents.length,
      indexMs,
      searchMs,
    };
  } finally {
    await index.drop();
  }
}

/** The judgments of the given queries only. */
export const judgmentsOf = (collection: Collection, queries: readonly CollectionQuery[]) =>
  new Map(
    queries.flatMap((q) => {
      const relevant = collection.qrels.get(q.id);
      return relevant ? [[q.id, relevant] as const] : [];
    }),
  );

/**
 * Loads a collection's articles (or its documents, as articles) with `indexArticles`, each with
 * its vector when `semantic` gives one.
 */
export const indexCollection = (
  client: OpenSearchClient,
  collection: Collection,
  semantic?: EvaluationOptions['semantic'],
) =>
  indexArticles(
    client,
    `eval-${collection.dataset}`,
    (
      collection.articles ?? collection.documents.map((doc) => toArticle(doc, collection.dataset))
    ).map((article) => {
      const vector = semantic?.vectors.get(article.id);
      if (!semantic || !vector) return article;
      return {
        ...article,
        embedding: { model: semantic.embedder.model.name, hash: 'eval', vector },
      };
    }),
  );

/**
 * Loads articles into a fresh alias family `<prefix>-<random>` built from the project's index
 * template, with the stream indexer's bulk write. `drop()` deletes its indices and template.
 */
export async function indexArticles(
  client: OpenSearchClient,
  prefix: string,
  articles: readonly (Article | LiveItem)[],
) {
  const admin = new IndexAdmin(client, `${prefix}-${randomBytes(3).toString('hex')}`);
  const drop = async () => {
    await client.indices.delete({ index: admin.names.generationPattern }, { ignore: [404] });
    await client.indices.deleteIndexTemplate({ name: admin.names.template }, { ignore: [404] });
  };
  try {
    const index = await admin.createGeneration({ bulkLoad: true });
    for (let i = 0; i < articles.length; i += bulkChunk) {
      const docs = articles.slice(i, i + bulkChunk).map((article) => ({
        id: article.id,
        version: article.version,
        document: toIndexDocument(article),
      }));
      const outcomes = await bulkWrite(client, [index], docs);
      const failed = outcomes.find((o) => o.status === 'rejected' || o.status === 'retryable');
      if (failed) throw new Error(`indexing the collection failed: ${JSON.stringify(failed)}`);
    }
    await admin.finishBulkLoad(index);
    await admin.promote(index);
  } catch (error) {
    await drop();
    throw error;
  }
  return { alias: admin.alias, drop };
}

/**
 * Runs each query through the search service as `GET /search?q=<text>` would, one page of 100,
 * and returns the ranked ids per query id.
 */
export async function rankQueries(
  client: OpenSearchClient,
  alias: string,
  queries: readonly CollectionQuery[],
  options: Pick<EvaluationOptions, 'concurrency' | 'tuning' | 'semantic'> & { now?: Date } = {},
): Promise<Map<string, string[]>> {
  // "now" just after the documents' date keeps the recency factor equal for all of them
  const now = options.now ?? new Date(`${collectionPublishedAt}T12:00:00Z`);
  const service = createSearchService(client, {
    index: alias,
    now: () => now,
    tuning: options.tuning,
    highlight: false,
    semantic: options.semantic && semanticRankingOf(options.semantic.embedder),
  });
  const runs = new Map<string, string[]>();
  await forEachConcurrently(queries, options.concurrency ?? 4, async (query) => {
    const params = { ...parseSearchParams(new Map([['q', [query.text]]])), pageSize: depth };
    const result = await service.search(params);
    runs.set(
      query.id,
      result.hits.map((hit) => hit.id),
    );
  });
  return runs;
}

/** The production model and the collection's cached document vectors, for `semantic`. */
export async function loadEvalSemantic(
  collection: Pick<Collection, 'dataset' | 'documents' | 'articles'>,
  log: (line: string) => void,
): Promise<NonNullable<EvaluationOptions['semantic']>> {
  const embedder = await loadEmbedder(await ensureModelFiles(semanticModel, log), semanticModel);
  return { embedder, vectors: await collectionVectors(collection, embedder, log) };
}
