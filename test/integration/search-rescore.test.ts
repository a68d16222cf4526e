import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexArticles } from '../../scripts/eval/evaluate.js';
import { loadFixtureArticles } from '../../scripts/local/fixtures.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { relevance } from '../../shared/search/relevance.js';
import { parseSearchParams } from '../../shared/search/search-params.js';
import type { SearchResponse } from '../../shared/search/search-response.js';
import { createSearchService } from '../../shared/search/search-service.js';

// Two-phase ranking of questions and pasted sentences (relevance.rescore) against the real node:
// inside the window the order is the whole query's, pages are cut from it by position, and a
// cursor leads on past the window's end without serving an article twice.
describe('two-phase ranking of long queries', () => {
  const client = createOpenSearchClient({
    openSearch: { url: process.env.OPENSEARCH_URL as string, auth: 'none' },
    region: 'local',
  });
  const now = () => new Date('2026-06-01T00:00:00Z');
  const sentence = 'how do autoantibodies against islet cells predict type 1 diabetes in children';
  let index: { alias: string; drop: () => Promise<void> };

  const service = (window: number) =>
    createSearchService(client, {
      index: index.alias,
      now,
      highlight: false,
      tuning: { ...relevance, rescore: { window } },
    });
  const params = (extra: Record<string, string>) =>
    parseSearchParams(new Map(Object.entries({ q: sentence, ...extra }).map(([k, v]) => [k, [v]])));
  const ranking = (res: SearchResponse) => res.hits.map((h) => [h.id, h.score]);

  beforeAll(async () => {
    const fixtures = await loadFixtureArticles();
    index = await indexArticles(
      client,
      'search-rescore',
      fixtures.map((a) => ({ ...a, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' })),
    );
  }, 120_000);

  afterAll(async () => {
    await index?.drop();
    await client.close();
  });

  it('ranks a window holding every match exactly as the whole query does, scores included', async () => {
    const whole = await service(0).search(params({ pageSize: '50' }));
    const twoPhase = await service(200).search(params({ pageSize: '50' }));
    expect(whole.total).toBeGreaterThan(20);
    expect(ranking(twoPhase)).toEqual(ranking(whole));
    expect(twoPhase.total).toBe(whole.total);
    expect(twoPhase.facets).toEqual(whole.facets);
  });

  it('cuts pages inside the window by position and leads on past it with a cursor', async () => {
    const search = service(12);
    const window = ranking(await search.search(params({ pageSize: '12' })));
    const lastInWindow = window.at(-1)?.[1] as number;
    const served: string[] = [];
    let cursor: string | undefined;
    for (let page = 1; page <= 6; page++) {
      const res = await search.search(params({ pageSize: '4', ...(cursor && { cursor }) }));
      expect(res.page).toBe(page);
      if (page <= 3) expect(ranking(res)).toEqual(window.slice((page - 1) * 4, page * 4));
      // past the window the whole query ranks what scores below the window's last article
      else expect(res.hits.every((h) => h.score <= lastInWindow)).toBe(true);
      served.push(...res.hits.map((h) => h.id));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(served.length).toBeGreaterThan(12);
    expect(new Set(served).size).toBe(served.length);
  });
});
