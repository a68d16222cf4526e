import type { LiveItem } from '../articles/stored-article.js';
import { NotFoundError } from '../errors.js';
import { dayOf } from '../search-index/visibility.js';
import type { ArticleLookup } from './article-lookup.js';
import { buildMoreUrl } from './more-url.js';
import { presentRelated, type RelatedItem } from './present-related.js';
import type { RelatedEngine } from './related-engine.js';
import { RelatedLimits } from './related-limits.js';
import type { StoredRelatedList } from './related-list.js';
import { type RelatedSource, sourceFromArticle } from './related-source.js';
import type { RelatedListStore } from './related-store.js';

/**
 * Stored lists hold a few more than the largest limit, so an item deleted since the list was
 * computed can be dropped on read without serving a short list.
 */
const storedLength = RelatedLimits.max + 4;
/** Lists outlive a missed nightly refresh; TTL then removes lists of articles gone for good. */
const listTtlDays = 3;

export interface RelatedResponse {
  articleId: string;
  items: RelatedItem[];
  /** `/search` link for the widget's "more evidence-labeled coverage". */
  moreUrl: string;
  computedAt: string;
  /** Served from the precomputed list (true) or computed for this request (false). */
  cached: boolean;
}

export interface RelatedServiceDeps {
  engine: RelatedEngine;
  lists: RelatedListStore;
  lookup: ArticleLookup;
  /** Live articles with their stored vectors (ArticleStore.live). */
  articles: { live(id: string): Promise<LiveItem | undefined> };
  /** Public base URL of the API for `moreUrl`; relative links without it. */
  baseUrl?: string;
  now?: () => Date;
}

/**
 * Related articles: reads are one key lookup of the precomputed list plus one consistent
 * BatchGetItem that drops whatever was deleted or unlabeled since; a missing, expired or
 * outdated list is computed live and stored. Writers (stream hook, scheduled refresh) call
 * `recompute`.
 */
export class RelatedService {
  private readonly now: () => Date;

  constructor(private readonly deps: RelatedServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async related(id: string, limit: number): Promise<RelatedResponse> {
    const now = this.now();
    const today = dayOf(now);
    const stored = await this.deps.lists.get(id, now);
    if (stored) {
      const current = await this.deps.lookup.current([id, ...stored.items.map((i) => i.id)]);
      const source = current.get(id);
      if (!source || !isPublished(source, today)) throw notFound(id);
      if (source.version === stored.sourceVersion) {
        const items = presentRelated(stored, source, current, today);
        // an empty list was computed before the index held any neighbour (the first article of
        // an empty index): never worth serving while a live compute may find some
        const degraded =
          stored.items.length === 0 || (items.length < limit && items.length < stored.items.length);
        if (!degraded) return this.respond(stored, source, items, limit, true);
      }
    }
    const article = await this.deps.articles.live(id);
    // a scheduled article is unknown to readers until its day: nothing is computed for it
    if (!article || !isPublished(article, today)) throw notFound(id);
    const { list, selfScored } = await this.compute(sourceFromArticle(article));
    // not indexed yet: answer, but leave storing to the stream indexer, which is about to
    if (selfScored) await this.deps.lists.put(list);
    const current = await this.deps.lookup.current(list.items.map((i) => i.id));
    return this.respond(list, article, presentRelated(list, article, current, today), limit, false);
  }

  /**
   * Computes the source's list and stores it; returns what was stored. A scheduled article gets
   * no list before its day (any it had is dropped): undefined.
   */
  async recompute(source: RelatedSource): Promise<StoredRelatedList | undefined> {
    if (!isPublished(source, dayOf(this.now()))) {
      await this.forget(source.id);
      return undefined;
    }
    const { list } = await this.compute(source);
    await this.deps.lists.put(list);
    return list;
  }

  private async compute(source: RelatedSource) {
    const now = this.now();
    const { items, rarity, selfScored } = await this.deps.engine.compute(source, {
      today: dayOf(now),
      limit: storedLength,
    });
    const list: StoredRelatedList = {
      articleId: source.id,
      sourceVersion: source.version,
      computedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + listTtlDays * 86_400,
      rarity,
      items: items.map((item) => ({
        id: item.doc.id,
        version: item.doc.version,
        evidence: item.doc.evidence,
        score: item.score,
        similarContent: item.similarContent,
        fallback: item.fallback,
      })),
    };
    return { list, selfScored };
  }

  /** Drops the list of an article that no longer exists. */
  async forget(id: string): Promise<void> {
    await this.deps.lists.delete(id);
  }

  private respond(
    list: StoredRelatedList,
    source: { tags: string[]; category: string },
    items: RelatedItem[],
    limit: number,
    cached: boolean,
  ): RelatedResponse {
    return {
      articleId: list.articleId,
      items: items.slice(0, limit),
      moreUrl: buildMoreUrl(source, list.rarity, this.deps.baseUrl),
      computedAt: list.computedAt,
      cached,
    };
  }
}

const notFound = (id: string) => new NotFoundError(`Article '${id}' does not exist.`);

const isPublished = (article: { publishedAt: string }, today: string) =>
  article.publishedAt <= today;
