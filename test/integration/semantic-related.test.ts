import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexArticles } from '../../scripts/eval/evaluate.js';
import type { LiveItem } from '../../shared/articles/stored-article.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { RelatedEngine } from '../../shared/recommend/related-engine.js';
import { sourceFromArticle } from '../../shared/recommend/related-source.js';
import { relatedTuning } from '../../shared/recommend/tuning.js';
import { loadEmbedder } from '../../shared/semantic/embedder.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { fixturesWithVectors } from '../helpers/fixture-vectors.js';

// Related lists with the sentence-vector signal against the real node: the candidate searches
// bring back every candidate's stored vector, and the source's own vector changes the ranking.
describe('related articles: similarity of stored sentence vectors', () => {
  const client = createOpenSearchClient({
    openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
    region: 'local',
  });
  const today = '2026-12-01';
  let items: LiveItem[];
  let index: { alias: string; drop: () => Promise<void> };

  beforeAll(async () => {
    items = await fixturesWithVectors(
      await loadEmbedder(process.env.SEMANTIC_MODEL_DIR as string, semanticModel),
    );
    index = await indexArticles(client, 'semantic-related', items);
  }, 120_000);

  afterAll(async () => {
    await index?.drop();
    await client.close();
  });

  it('ranks candidates with their stored vectors, and only with the source vector does it count', async () => {
    const engine = new RelatedEngine(client, index.alias, relatedTuning);
    const ids = (list: Awaited<ReturnType<RelatedEngine['compute']>>) =>
      list.items.map((item) => item.doc.id);
    let changed = 0;
    for (const item of items.filter((i) => i.evidence).slice(0, 12)) {
      const withVector = await engine.compute(sourceFromArticle(item), { today, limit: 4 });
      const { embedding: _, ...plain } = item;
      const without = await engine.compute(sourceFromArticle(plain), { today, limit: 4 });

      expect(withVector.items.every((i) => i.doc.embedding?.model === semanticModel.name)).toBe(
        true,
      );
      if (ids(withVector).join() !== ids(without).join()) changed++;
    }

    expect(changed).toBeGreaterThan(0);
  });
});
