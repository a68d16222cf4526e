import type { Evidence } from '../articles/schema.js';
import type { StoredEmbedding } from '../articles/stored-article.js';
import { semanticModel } from '../semantic/model.js';
import { storedSimilarity } from '../semantic/vector-codec.js';
import type { ListedArticle } from './listed-article.js';
import { type TagRarity, tagOverlap } from './tag-rarity.js';
import type { RelatedTuning } from './tuning.js';

/** A recommendable article as the candidate searches return it. */
export interface CandidateDoc extends ListedArticle {
  evidence: Evidence;
  /** Normalised journal (see journal-name.ts). */
  sourceKey: string;
  /** Its sentence vector, when it has one. */
  embedding?: StoredEmbedding;
}

export interface RankedItem {
  doc: CandidateDoc;
  score: number;
  /**
   * Content similarity in [0, 1]: the share of the source's own more_like_this score (over the
   * words it shares with other articles) that the candidate reaches. Ranks.
   */
  content: number;
  /**
   * The same share of the source's score over *all* its words. An off-topic article shares only
   * a few generic words with anyone, which a candidate may match well (high `content`) while
   * covering little of the article (low `coverage`). Decides what a good match is.
   */
  coverage: number;
  /** Coverage reaches `good.closeCoverage`: the texts are closely related. */
  similarContent: boolean;
  /** Filled in because too few good matches existed. */
  fallback: boolean;
  /** A good match (see tuning.ts `good`); only good matches are ranked, fallbacks fill the rest. */
  good: boolean;
}

export interface RankInput {
  source: { id: string; tags: readonly string[]; category: string; embedding?: StoredEmbedding };
  /** more_like_this hits with their raw scores, best first. */
  similar: ReadonlyArray<{ doc: CandidateDoc; score: number }>;
  /** The source's own more_like_this scores, when it is in the index. */
  selfScore: number | undefined;
  selfScoreAllWords: number | undefined;
  tagged: readonly CandidateDoc[];
  newestTagged: readonly CandidateDoc[];
  newestInCategory: readonly CandidateDoc[];
  rarity: TagRarity;
  today: string;
  limit: number;
}

const dayMs = 86_400_000;

/**
 * Ranks the candidates: scores every one (see tuning.ts), keeps the good matches, orders them
 * with MMR so the list is not near-duplicates from one journal or one evidence type, then fills
 * up to `limit` with the newest articles sharing a tag, then the category, marked `fallback`.
 */
export function rankRelated(input: RankInput, tuning: RelatedTuning): RankedItem[] {
  const raw = new Map<string, { doc: CandidateDoc; mlt: number }>();
  for (const { doc, score } of input.similar) raw.set(doc.id, { doc, mlt: score });
  for (const doc of input.tagged) if (!raw.has(doc.id)) raw.set(doc.id, { doc, mlt: 0 });
  const topScore = Math.max(0, ...input.similar.map((hit) => hit.score));
  // BM25 is not bounded by the source's own score; never let a candidate exceed 1. Without the
  // source in the index, the best candidate stands in for it.
  const scale = Math.max(input.selfScore ?? 0, topScore);
  const fullScale = Math.max(input.selfScoreAllWords ?? 0, scale);
  const score = (doc: CandidateDoc, mlt: number): RankedItem => {
    const content = scale > 0 ? mlt / scale : 0;
    const coverage = fullScale > 0 ? mlt / fullScale : 0;
    const tags = tagOverlap(input.source.tags, doc.tags, input.rarity);
    const ageDays = Math.max(0, (Date.parse(input.today) - Date.parse(doc.publishedAt)) / dayMs);
    const { weights, good } = tuning;
    const sameCategory = doc.category === input.source.category;
    // similarity of meaning; 0 without vectors of one model on both sides
    const meaning = Math.max(
      0,
      storedSimilarity(input.source.embedding, doc.embedding, semanticModel.dimensions) ?? 0,
    );
    const sharesLabel = sameCategory || doc.tags.some((tag) => input.source.tags.includes(tag));
    return {
      doc,
      content,
      coverage,
      similarContent: coverage >= good.closeCoverage,
      fallback: false,
      good:
        coverage >= good.closeCoverage ||
        tags >= good.tagOverlap ||
        (coverage >= good.coverage && sharesLabel),
      score:
        weights.content * content +
        weights.meaning * meaning +
        weights.tags * tags +
        weights.category * (sameCategory ? 1 : 0) +
        weights.recency * 0.5 ** (ageDays / tuning.recencyHalfLifeDays),
    };
  };
  const scored = [...raw.values()]
    .map(({ doc, mlt }) => score(doc, mlt))
    .filter((item) => item.doc.id !== input.source.id)
    .sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id));
  const good = scored.filter((item) => item.good);
  const chosen = diversify(good, input.limit, tuning.mmr);

  const taken = new Set([input.source.id, ...chosen.map((item) => item.doc.id)]);
  for (const doc of [...input.newestTagged, ...input.newestInCategory]) {
    if (chosen.length >= input.limit) break;
    if (taken.has(doc.id)) continue;
    taken.add(doc.id);
    chosen.push({ ...score(doc, raw.get(doc.id)?.mlt ?? 0), fallback: true });
  }
  return chosen;
}

/**
 * Greedy maximal marginal relevance: each pick maximises lambda × score − (1 − lambda) × its
 * largest similarity to what was already picked. Every prefix of the result is itself the MMR
 * list of that length, so a stored list of 16 serves any limit up to 16.
 */
export function diversify(
  items: readonly RankedItem[],
  limit: number,
  mmr: RelatedTuning['mmr'],
): RankedItem[] {
  const rest = [...items];
  const chosen: RankedItem[] = [];
  while (chosen.length < limit && rest.length > 0) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    rest.forEach((item, i) => {
      const redundancy = Math.max(0, ...chosen.map((c) => itemSimilarity(item.doc, c.doc, mmr)));
      const value = mmr.lambda * item.score - (1 - mmr.lambda) * redundancy;
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    });
    chosen.push(...rest.splice(best, 1));
  }
  return chosen;
}

/** How alike two recommendations are for the reader: same journal, same design, same tags. */
export function itemSimilarity(
  a: Pick<CandidateDoc, 'sourceKey' | 'evidence' | 'tags'>,
  b: Pick<CandidateDoc, 'sourceKey' | 'evidence' | 'tags'>,
  mmr: RelatedTuning['mmr'],
): number {
  const sameJournal = a.sourceKey === b.sourceKey ? 1 : 0;
  const sameType = a.evidence.type.toLowerCase() === b.evidence.type.toLowerCase() ? 1 : 0;
  return (
    mmr.journal * sameJournal + mmr.evidenceType * sameType + mmr.tags * jaccard(a.tags, b.tags)
  );
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 0;
  const bs = new Set(b);
  return a.filter((tag) => bs.has(tag)).length / union.size;
}
