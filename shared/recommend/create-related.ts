import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleStore } from '../articles/article-store.js';
import type { OpenSearchClient } from '../clients/opensearch.js';
import type { Config } from '../config.js';
import { ArticleLookup } from './article-lookup.js';
import { NeighbourQueue } from './neighbour-queue.js';
import type { RefreshDeps } from './refresh-related.js';
import { RelatedEngine } from './related-engine.js';
import { relatedIndexHooks } from './related-on-indexed.js';
import { RelatedService } from './related-service.js';
import { RelatedListStore } from './related-store.js';
import { SourceDocuments } from './source-documents.js';

export type RelatedLog = (message: string, details: Record<string, unknown>) => void;

type RelatedDeps = {
  openSearch: OpenSearchClient;
  documents: DynamoDBDocumentClient;
  config: Pick<Config, 'indexAlias' | 'relatedTable' | 'articlesTable' | 'publicBaseUrl'>;
  clock?: () => number;
};

/** The read side alone, for the read API: its bundle then leaves the refresh machinery out. */
export function createRelatedService(deps: RelatedDeps): RelatedService {
  const { openSearch, documents, config } = deps;
  const clock = deps.clock ?? Date.now;
  return new RelatedService({
    engine: new RelatedEngine(openSearch, config.indexAlias),
    lists: new RelatedListStore(documents, config.relatedTable),
    lookup: new ArticleLookup(documents, config.articlesTable),
    articles: new ArticleStore(documents, config.articlesTable),
    baseUrl: config.publicBaseUrl,
    now: () => new Date(clock()),
  });
}

/**
 * Wires the related-articles pieces once per container, for the functions that keep lists fresh:
 * the stream indexer's hooks and the scheduled refresh (and for tests).
 */
export function createRelated(deps: RelatedDeps) {
  const { openSearch, documents, config } = deps;
  const clock = deps.clock ?? Date.now;
  const service = createRelatedService(deps);
  const queue = new NeighbourQueue(documents, config.relatedTable, clock);
  const sources = new SourceDocuments(openSearch, config.indexAlias);
  const recompute = service.recompute.bind(service);
  const forget = service.forget.bind(service);
  return {
    service,
    queue,
    /** The stream indexer's `onWriting` and `onIndexed` hooks (never throw; failures go to `log`). */
    indexHooks: (log: RelatedLog) => relatedIndexHooks({ forget, queue, clock, log }),
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
