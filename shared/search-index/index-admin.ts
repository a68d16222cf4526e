import type { OpenSearchClient } from '../clients/opensearch.js';
import { indexTemplate, mappingHash } from './mapping.js';
import { generationName, type IndexNames, indexNames } from './names.js';

/**
 * Control of one alias family's generations: template, first generation, alias swaps, clean-up.
 * Pure OpenSearch admin calls; the reindex protocol that sequences them lives in ingest/.
 */
export class IndexAdmin {
  readonly names: IndexNames;

  constructor(
    private readonly client: OpenSearchClient,
    readonly alias: string,
  ) {
    this.names = indexNames(alias);
  }

  /** Installs the template for new generations (idempotent; the current mapping always wins). */
  async putTemplate(): Promise<void> {
    await this.client.indices.putIndexTemplate({
      name: this.names.template,
      body: indexTemplate(this.names.generationPattern) as never,
    });
  }

  /**
   * Creates an empty generation from the template. `bulkLoad` relaxes replicas, refresh and
   * per-request translog fsync until `finishBulkLoad`: a crash could then lose recent writes to
   * the build, which its verification against the table would catch.
   */
  async createGeneration(options: { bulkLoad: boolean; now?: Date }): Promise<string> {
    await this.putTemplate();
    const index = generationName(this.alias, mappingHash, options.now ?? new Date());
    // Creating an index can outlast the client's default timeout on a cold node; a retry after a
    // timeout would then fail with resource_already_exists, so this call waits longer and never retries.
    await this.client.indices.create(
      {
        index,
        body: options.bulkLoad
          ? {
              settings: {
                index: {
                  auto_expand_replicas: 'false',
                  number_of_replicas: 0,
                  refresh_interval: '-1',
                  'translog.durability': 'async',
                },
              },
            }
          : {},
      },
      { requestTimeout: 120_000, maxRetries: 0 },
    );
    return index;
  }

  /** Puts a bulk-loaded generation back to the template's settings, then refreshes it. */
  async finishBulkLoad(index: string): Promise<void> {
    const { auto_expand_replicas, refresh_interval } = indexTemplate(this.names.generationPattern)
      .template.settings.index;
    await this.client.indices.putSettings({
      index,
      // `request` is the default: the translog is fsynced before each write is acknowledged
      body: { index: { auto_expand_replicas, refresh_interval, 'translog.durability': 'request' } },
    });
    await this.client.indices.refresh({ index });
    await this.client.cluster.health({ index, wait_for_status: 'yellow', timeout: '60s' });
  }

  /** When a generation was created (its age tells an abandoned build from a running one). */
  async createdAt(index: string): Promise<Date> {
    const res = await this.client.indices.getSettings({ index, name: 'index.creation_date' });
    const body = res.body as Record<string, { settings?: { index?: { creation_date?: string } } }>;
    return new Date(Number(body[index]?.settings?.index?.creation_date));
  }

  /** Whether an index exists (a continuation checks its generation was not discarded meanwhile). */
  async exists(index: string): Promise<boolean> {
    return (await this.client.indices.exists({ index })).body === true;
  }

  /** Deletes one generation, e.g. a build that failed verification. */
  async deleteGeneration(index: string): Promise<void> {
    await this.client.indices.delete({ index }, { ignore: [404] });
  }

  /** Indices currently behind an alias (empty when the alias does not exist). */
  indicesOf(alias: string): Promise<string[]> {
    return this.indicesBehind([alias]);
  }

  /** The generation readers see now, if any. */
  async liveGeneration(): Promise<string | undefined> {
    return (await this.indicesOf(this.names.read))[0];
  }

  /** Every index the stream indexer must write to: the live one and any being built. */
  writeTargets(): Promise<string[]> {
    return this.indicesBehind([this.names.write, this.names.building]);
  }

  private async indicesBehind(aliases: readonly string[]): Promise<string[]> {
    const res = await this.client.indices.getAlias({ name: aliases.join(',') }, { ignore: [404] });
    // When some of the aliases are missing the answer is a 404 that still lists the indices behind
    // the others, next to `error` and `status`: keep the entries that are indices.
    return Object.entries(res.body as Record<string, unknown>)
      .filter(([, value]) => typeof value === 'object' && value !== null && 'aliases' in value)
      .map(([index]) => index)
      .sort();
  }

  /** The mapping hash a generation was created with. */
  async mappingHashOf(index: string): Promise<string | undefined> {
    const res = await this.client.indices.getMapping({ index });
    const body = res.body as Record<string, { mappings?: MappingMeta }>;
    return body[index]?.mappings?._meta?.mappingHash;
  }

  /** Marks a generation as being built, so the stream indexer starts writing to it too. */
  async markBuilding(index: string): Promise<void> {
    await this.client.indices.putAlias({ index, name: this.names.building });
  }

  async unmarkBuilding(index: string): Promise<void> {
    await this.client.indices.deleteAlias({ index, name: this.names.building }, { ignore: [404] });
  }

  /**
   * Points read and write aliases at `index` in one atomic `_aliases` call (dropping its `building`
   * mark in the same call). The generation first records when it was promoted, which is what
   * `deleteOldGenerations` keeps by.
   */
  async promote(index: string, now = new Date()): Promise<void> {
    await this.client.indices.putMapping({
      index,
      body: {
        _meta: { mappingHash: await this.mappingHashOf(index), promotedAt: now.toISOString() },
      },
    });
    const live = await this.indicesOf(this.names.read);
    const writers = await this.indicesOf(this.names.write);
    const building = await this.indicesOf(this.names.building);
    await this.client.indices.updateAliases({
      body: {
        actions: [
          ...live
            .filter((i) => i !== index)
            .map((i) => ({ remove: { index: i, alias: this.names.read } })),
          ...writers
            .filter((i) => i !== index)
            .map((i) => ({ remove: { index: i, alias: this.names.write } })),
          ...building
            .filter((i) => i === index)
            .map((i) => ({ remove: { index: i, alias: this.names.building } })),
          { add: { index, alias: this.names.read } },
          { add: { index, alias: this.names.write, is_write_index: true } },
        ],
      },
    });
  }

  /**
   * Keeps the `keep` most recently promoted generations (the live one and its predecessors, for a
   * rollback) and any being built; deletes every other generation. That includes indices that
   * were never promoted: failed builds, and a generation a straggling bulk request re-created from
   * the template after it was deleted (bulk writes auto-create missing indices).
   */
  async deleteOldGenerations(keep: number): Promise<string[]> {
    const res = await this.client.indices.getMapping({ index: this.names.generationPattern });
    const promotedAt = Object.entries(res.body as Record<string, { mappings?: MappingMeta }>).map(
      ([index, value]) => ({ index, promotedAt: value.mappings?._meta?.promotedAt ?? '' }),
    );
    const kept = promotedAt
      .filter((g) => g.promotedAt)
      .sort((a, b) => b.promotedAt.localeCompare(a.promotedAt))
      .slice(0, keep)
      .map((g) => g.index);
    const protectedIndices = new Set([
      ...kept,
      ...(await this.indicesOf(this.names.read)),
      ...(await this.indicesOf(this.names.building)),
    ]);
    const doomed = promotedAt.map((g) => g.index).filter((i) => !protectedIndices.has(i));
    if (doomed.length > 0) await this.client.indices.delete({ index: doomed.join(',') });
    return doomed.sort();
  }

  /**
   * Makes sure a live generation exists (a fresh cluster gets an empty one). Returns whether the
   * live generation was built with an older mapping, in which case a reindex is due.
   */
  async ensureLive(): Promise<{ index: string; stale: boolean }> {
    await this.putTemplate();
    const live = await this.liveGeneration();
    if (live) return { index: live, stale: (await this.mappingHashOf(live)) !== mappingHash };
    const index = await this.createGeneration({ bulkLoad: false });
    await this.promote(index);
    return { index, stale: false };
  }
}

/** What a generation's mapping `_meta` records about it. */
interface MappingMeta {
  _meta?: { mappingHash?: string; promotedAt?: string };
}
