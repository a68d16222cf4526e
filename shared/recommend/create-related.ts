import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleStore } from '../articles/article-store.js';
import type { OpenSearchClient } from '../clients/opensearch.js';
import type { Config } from '../config.js';
import { ArticleLookup } from './article-lookup.js';
import { NeighbourQueue } from './neighbour-queue.js';
import type { RefreshDeps } from './refresh-related.js';
import { RelatedEngine } from './related-engine.js';
import { relatedOnIndexed } from './related-on-indexed.js';
import { RelatedService } from './related-service.js';
import { RelatedListStore } from './related-store.js';
import { SourceDocuments } from './source-documents.js';

export type RelatedLog = (message: string, details: Record<string, unknown>) => void;

/**
 * Wires the related-articles pieces once per container, for the three functions that use them:
 * the read API, the stream indexer's hook and the scheduled refresh (and for tests).
 */
export function createRelated(deps: {
  openSearch: OpenSearchClient;
  documents: DynamoDBDocumentClient;
  config: Pick<Config, 'indexAlias' | 'relatedTable' | 'articlesTable' | 'publicBaseUrl'>;
  clock?: () => number;
}) {
  const { openSearch, documents, config } = deps;
  const clock = deps.clock ?? Date.now;
  const engine = new RelatedEngine(openSearch, config.indexAlias);
  const service = new RelatedService({
    engine,
    lists: new RelatedListStore(documents, config.relatedTable),
    lookup: new ArticleLookup(documents, config.articlesTable),
    articles: new ArticleStore(documents, config.articlesTable),
    baseUrl: config.publicBaseUrl,
    now: () => new Date(clock()),
  });
  const queue = new NeighbourQueue(documents, config.relatedTable, clock);
  const sources = new SourceDocuments(openSearch, config.indexAlias);
  const recompute = service.recompute.bind(service);
  const forget = service.forget.bind(service);
  return {
    service,
    queue,
    /** The stream indexer's `onIndexed` hook (never throws; failures go to `log`). */
    onIndexed: (log: RelatedLog) => relatedOnIndexed({ forget, queue, clock, log }),
    /** What `refreshRelated` works with. */
    refreshDeps: (log: RelatedLog): RefreshDeps => ({
      sources,
      queue,
      recompute,
      forget,
      clock,
      log,
    }),
  };
}
