import type { OpenSearchClient } from '../clients/opensearch.js';
import { BackendError } from '../errors.js';
import { live } from '../search-index/visibility.js';
import { type LiveDocument, type RelatedSource, sourceFromDocument } from './related-source.js';

/** Stored structure and images are not needed to rank. */
const excludes = ['sections', 'heroImage'];

/**
 * Live articles read from the index for the scheduled refresh, which runs after the nightly
 * reindex has made the index a faithful copy of the articles table.
 */
export class SourceDocuments {
  constructor(
    private readonly client: OpenSearchClient,
    private readonly alias: string,
  ) {}

  /** The next `size` live articles after `after` in id order (labeled or not: all have lists). */
  async page(after: string | undefined, size: number): Promise<RelatedSource[]> {
    return this.search({
      size,
      sort: [{ id: 'asc' }],
      ...(after === undefined ? {} : { search_after: [after] }),
      query: live,
    });
  }

  /** The live articles among `ids`; deleted or unknown ids are absent. */
  async byIds(ids: readonly string[]): Promise<Map<string, RelatedSource>> {
    if (ids.length === 0) return new Map();
    const sources = await this.search({
      size: ids.length,
      query: { bool: { filter: [{ ids: { values: ids } }, live] } },
    });
    return new Map(sources.map((s) => [s.id, s]));
  }

  private async search(body: Record<string, unknown>): Promise<RelatedSource[]> {
    try {
      const res = await this.client.search({
        index: this.alias,
        body: { ...body, _source: { excludes } },
      } as never);
      const hits = (res.body as { hits: { hits: Array<{ _source: LiveDocument }> } }).hits.hits;
      return hits.map((hit) => sourceFromDocument(hit._source));
    } catch (error) {
      throw new BackendError('The search index is unavailable.', { cause: error });
    }
  }
}
