import type { OpenSearchClient } from '../clients/opensearch.js';
import { BackendError } from '../errors.js';
import { candidateSearches, type SearchRole } from './candidate-searches.js';
import { type CandidateDoc, type RankedItem, type RankInput, rankRelated } from './rank.js';
import type { RelatedSource } from './related-source.js';
import type { TagRarity } from './tag-rarity.js';
import { type RelatedTuning, relatedTuning } from './tuning.js';

/** A freshly computed related list and the tag rarity it was ranked with. */
export interface ComputedRelated {
  items: RankedItem[];
  rarity: TagRarity;
  /**
   * Whether the source was searchable, so content similarity is relative to its own score. If
   * not (written but not yet indexed), similarity is relative to the best candidate, good
   * enough for one answer but not for storing.
   */
  selfScored: boolean;
}

interface SearchResponse {
  error?: unknown;
  hits?: {
    total?: { value: number } | number;
    hits: Array<{ _id: string; _score: number | null; _source?: CandidateDoc }>;
  };
  aggregations?: { tags?: { buckets: Array<{ key: string; doc_count: number }> } };
}

/**
 * Computes related lists live against the read alias: one `_msearch` gathers every candidate
 * (see candidate-searches.ts), ranking is pure (rank.ts). The only recommend code that searches.
 */
export class RelatedEngine {
  constructor(
    private readonly client: OpenSearchClient,
    private readonly alias: string,
    private readonly tuning: RelatedTuning = relatedTuning,
  ) {}

  async compute(
    source: RelatedSource,
    options: { today: string; limit: number },
  ): Promise<ComputedRelated> {
    const searches = candidateSearches(source, { today: options.today, tuning: this.tuning });
    const responses = await this.msearch(searches.map((s) => s.body));
    const byRole = new Map<SearchRole, SearchResponse>(
      searches.map((s, i) => [s.role, responses[i] ?? {}]),
    );
    const docs = (role: SearchRole) =>
      (byRole.get(role)?.hits?.hits ?? []).flatMap((hit) =>
        hit._source ? [{ doc: hit._source, score: hit._score ?? 0 }] : [],
      );
    const rarity = toRarity(byRole.get('rarity'));
    const selfScore = byRole.get('self')?.hits?.hits[0]?._score ?? undefined;
    const input: RankInput = {
      source,
      similar: docs('similar'),
      selfScore,
      selfScoreAllWords: byRole.get('selfAllWords')?.hits?.hits[0]?._score ?? undefined,
      tagged: docs('tagged').map((hit) => hit.doc),
      newestTagged: docs('newestTagged').map((hit) => hit.doc),
      newestInCategory: docs('newestInCategory').map((hit) => hit.doc),
      rarity,
      today: options.today,
      limit: options.limit,
    };
    const items = rankRelated(input, this.tuning);
    return { items, rarity, selfScored: selfScore !== undefined };
  }

  private async msearch(bodies: ReadonlyArray<Record<string, unknown>>): Promise<SearchResponse[]> {
    let responses: SearchResponse[];
    try {
      const res = await this.client.msearch({
        body: bodies.flatMap((body) => [{ index: this.alias }, body]) as never,
      });
      responses = (res.body as { responses: SearchResponse[] }).responses;
    } catch (error) {
      throw new BackendError('Related articles are unavailable.', { cause: error });
    }
    const failed = responses.find((r) => r.error !== undefined);
    if (failed) {
      throw new BackendError('Related articles are unavailable.', { cause: failed.error });
    }
    return responses;
  }
}

function toRarity(response: SearchResponse | undefined): TagRarity {
  const total = response?.hits?.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    counts: Object.fromEntries(
      (response?.aggregations?.tags?.buckets ?? []).map((b) => [b.key, b.doc_count]),
    ),
  };
}
