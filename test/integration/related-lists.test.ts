import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtureArticles, seedArticleId } from '../../scripts/local/fixtures.js';
import {
  type RouteHandler,
  type RunningGateway,
  startGateway,
} from '../../scripts/local/gateway.js';
import { createLambdaContext } from '../../scripts/local/lambda-context.js';
import type { StreamHandler, StreamPoller } from '../../scripts/local/stream-poller.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { createRelated } from '../../shared/recommend/create-related.js';
import type { RelatedItem } from '../../shared/recommend/present-related.js';
import {
  type RefreshResult,
  type RefreshState,
  refreshRelated,
  startState,
} from '../../shared/recommend/refresh-related.js';
import type { RelatedResponse } from '../../shared/recommend/related-service.js';
import { adminApi } from '../helpers/admin-api.js';
import { pollArticleStream } from '../helpers/article-stream.js';
import { createTestStack, type TestStack } from '../helpers/test-stack.js';

/**
 * Related lists on the real local stack: fixtures go in through the admin API, the stream poller
 * feeds the real index-stream function (whose hook marks written articles and drops the lists of
 * deleted and scheduled ones), the scheduled refresh function runs as after the nightly reindex
 * and as the marker schedule, and every read goes through
 * the local API gateway to the real related function.
 */
describe('related lists on the local stack', () => {
  let stack: TestStack;
  let poller: StreamPoller;
  let gateway: RunningGateway;
  let refresh: (event: unknown, context: Context) => Promise<RefreshResult>;
  const fixtures = new Map<string, ArticleInput>();
  const today = new Date().toISOString().slice(0, 10);

  const api = adminApi(
    () => gateway.url,
    () => stack.adminToken,
  );
  const related = async (id: string, query = ''): Promise<RelatedResponse> => {
    const res = await api('GET', `/articles/${id}/related${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as RelatedResponse;
  };
  const put = async (article: ArticleInput) => {
    const res = await api('PUT', `/articles/${article.id}`, article);
    expect([200, 201]).toContain(res.status);
    fixtures.set(article.id, article);
  };
  const runRefresh = (mode: 'full' | 'markers') =>
    refresh({ mode }, createLambdaContext('refresh-related-local', stack.config.region, 120_000));

  beforeAll(async () => {
    stack = await createTestStack('related');
    const load = async <T>(name: string) =>
      (await import(`../../functions/${name}/handler.ts`)) as { handler: T };
    const indexer = await load<StreamHandler>('index-stream');
    poller = pollArticleStream(stack, {
      handler: indexer.handler,
    });
    refresh = (await load<typeof refresh>('refresh-related')).handler;
    gateway = await startGateway({
      port: 0,
      log: () => {},
      routes: [
        {
          method: 'GET',
          path: '/articles/{id}/related',
          handler: (await load<RouteHandler>('related')).handler,
        },
        {
          method: 'PUT',
          path: '/articles/{id}',
          handler: (await load<RouteHandler>('articles')).handler,
        },
        {
          method: 'DELETE',
          path: '/articles/{id}',
          handler: (await load<RouteHandler>('articles')).handler,
        },
      ],
    });
    for (const article of await loadFixtureArticles()) await put(article);
    await poller.drain(120_000);
    await stack.openSearch.indices.refresh({ index: stack.config.indexAlias });
    // what the nightly schedule does once the reindex is done
    expect((await runRefresh('full')).done).toBe(true);
    // and the marker schedule, which catches up on the marks the import left, before any test
    expect((await runRefresh('markers')).done).toBe(true);
  });

  afterAll(async () => {
    await gateway?.stop();
    await poller?.stop();
    await stack?.close();
  });

  const expectTrueReasons = (source: ArticleInput, item: RelatedItem) => {
    const other = fixtures.get(item.id) as ArticleInput;
    expect(item.reasons.length, `${source.id} → ${item.id} has no reason`).toBeGreaterThan(0);
    for (const reason of item.reasons) {
      const shared = /^shares tags: (.+)$/.exec(reason)?.[1];
      for (const tag of shared?.split(', ') ?? []) {
        expect(source.tags, `${source.id}: ${reason}`).toContain(tag);
        expect(other.tags, `${item.id}: ${reason}`).toContain(tag);
      }
      const newer = /^newer research on (.+)$/.exec(reason)?.[1];
      if (newer) {
        expect(other.publishedAt > source.publishedAt).toBe(true);
        expect(source.tags.includes(newer) && other.tags.includes(newer)).toBe(true);
      }
      const type = /^same evidence type: (.+)$/.exec(reason)?.[1];
      if (type) {
        expect(source.evidence?.type.toLowerCase()).toBe(type.toLowerCase());
        expect(other.evidence?.type.toLowerCase()).toBe(type.toLowerCase());
      }
      const category = /^same category: (.+)$/.exec(reason)?.[1];
      if (category) expect([source.category, other.category]).toEqual([category, category]);
    }
  };

  describe('GET /articles/{id}/related', () => {
    it('lists only evidence-labeled, published articles, never the article itself, with true reasons', async () => {
      for (const source of fixtures.values()) {
        const { items, cached } = await related(source.id, '?limit=12');
        expect(cached, source.id).toBe(true);
        expect(items.length, source.id).toBeGreaterThan(0);
        for (const item of items) {
          const other = fixtures.get(item.id);
          expect(item.id).not.toBe(source.id);
          expect(other?.evidence, `${item.id} is unlabeled`).toBeTruthy();
          expect(item.evidence).toEqual(other?.evidence);
          expect(item.publishedAt <= today).toBe(true);
          expectTrueReasons(source, item);
        }
      }
    });

    it('serves unlabeled articles a list of labeled ones too', async () => {
      const unlabeled = [...fixtures.values()].filter((a) => !a.evidence);
      expect(unlabeled.length).toBeGreaterThan(0);
      for (const source of unlabeled) {
        const { items } = await related(source.id);
        expect(items.length).toBe(4);
        expect(items.every((i) => i.id !== source.id && fixtures.get(i.id)?.evidence)).toBe(true);
      }
    });

    it('gives the seed article four related articles of more than one journal, and a more link', async () => {
      const seed = fixtures.get(seedArticleId) as ArticleInput;
      const body = await related(seedArticleId);
      expect(body.items).toHaveLength(4);
      expect(Object.keys(body.items[0] as object).sort()).toEqual(
        [
          'evidence',
          'fallback',
          'id',
          'publishedAt',
          'reasons',
          'score',
          'summary',
          'tags',
          'title',
        ].sort(),
      );
      expect(new Set(body.items.map((i) => i.evidence.source.toLowerCase())).size).toBeGreaterThan(
        1,
      );
      const more = new URL(body.moreUrl, 'http://x');
      expect(more.pathname).toBe('/search');
      expect(more.searchParams.get('evidenced')).toBe('true');
      const tags = more.searchParams.get('tags')?.split(',') ?? [];
      expect(tags.length).toBeGreaterThan(0);
      expect(tags.every((t) => seed.tags.includes(t))).toBe(true);
    });

    it('bounds limit: default 4, at most 12, anything else is a 400 naming limit', async () => {
      expect((await related(seedArticleId)).items).toHaveLength(4);
      expect((await related(seedArticleId, '?limit=1')).items).toHaveLength(1);
      expect((await related(seedArticleId, '?limit=12')).items).toHaveLength(12);
      for (const bad of ['0', '13', 'four', '2.5']) {
        const res = await api('GET', `/articles/${seedArticleId}/related?limit=${bad}`);
        expect(res.status).toBe(400);
        expect(res.type).toBe('application/problem+json');
        expect(res.body.invalidParams).toEqual([{ field: 'limit', message: expect.any(String) }]);
      }
    });

    it('answers an id that cannot be an article with 400 naming the id, as the admin routes do', async () => {
      const res = await api('GET', '/articles/Not%20A%20Slug/related');
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.invalidParams).toEqual([{ field: 'id', message: expect.any(String) }]);
    });

    it('answers an unknown article with 404 problem+json', async () => {
      const res = await api('GET', '/articles/no-such-article/related');
      expect(res.status).toBe(404);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    });

    it('recomputes a stored empty list, as computed for the first article of an empty index', async () => {
      const key = { articleId: seedArticleId };
      const storedItems = async () =>
        (
          (
            await stack.documents.send(
              new GetCommand({ TableName: stack.config.relatedTable, Key: key }),
            )
          ).Item?.items as unknown[] | undefined
        )?.length;
      expect(await storedItems()).toBeGreaterThan(0);
      // what the first stream batch stores for the first article of an empty index
      await stack.documents.send(
        new UpdateCommand({
          TableName: stack.config.relatedTable,
          Key: key,
          UpdateExpression: 'SET #items = :none',
          ExpressionAttributeNames: { '#items': 'items' },
          ExpressionAttributeValues: { ':none': [] },
        }),
      );
      const { items, cached } = await related(seedArticleId, '?limit=4');
      expect(cached).toBe(false);
      expect(items.length).toBe(4);
      expect(await storedItems()).toBeGreaterThan(4);
    });

    it('answers a scheduled or deleted article like an unknown one, and keeps no list for it', async () => {
      const seed = fixtures.get(seedArticleId) as ArticleInput;
      const write = async (article: ArticleInput) => {
        expect([200, 201]).toContain((await api('PUT', `/articles/${article.id}`, article)).status);
      };
      const storedList = async (id: string) =>
        (
          await stack.documents.send(
            new GetCommand({ TableName: stack.config.relatedTable, Key: { articleId: id } }),
          )
        ).Item;
      const unknown = await api('GET', '/articles/no-such-article/related');
      const shape = (res: typeof unknown) => ({
        status: res.status,
        type: res.type,
        keys: Object.keys(res.body).sort(),
        title: res.body.title,
      });
      const scheduled: ArticleInput = {
        ...seed,
        id: 'scheduled-exercise-immunity-follow-up',
        title: 'Exercise and Immunity: The Follow-up Study',
        publishedAt: '2099-01-01',
        evidence: null,
      };
      const moved: ArticleInput = {
        ...scheduled,
        id: 'postponed-exercise-note',
        publishedAt: today,
      };
      const removed: ArticleInput = { ...moved, id: 'withdrawn-exercise-note' };
      await write(scheduled);
      await write(moved);
      await write(removed);
      await poller.drain(60_000);
      // the marker schedule computes the lists of what the stream indexer marked
      await stack.openSearch.indices.refresh({ index: stack.config.indexAlias });
      expect((await runRefresh('markers')).done).toBe(true);
      expect(await storedList(moved.id)).toBeDefined();
      expect(await storedList(removed.id)).toBeDefined();
      // published today, then postponed; and deleted
      await write({ ...moved, publishedAt: '2099-06-01' });
      expect((await api('DELETE', `/articles/${removed.id}`)).status).toBe(204);

      for (const id of [scheduled.id, moved.id, removed.id]) {
        // before the stream has caught up (only the table knows), and after
        const res = await api('GET', `/articles/${id}/related`);
        expect({ id, ...shape(res) }).toEqual({ id, ...shape(unknown) });
        expect(res.body.detail).toBe(unknown.body.detail.replace('no-such-article', id));
      }
      await poller.drain(60_000);
      for (const id of [scheduled.id, moved.id, removed.id]) {
        const res = await api('GET', `/articles/${id}/related?limit=12`);
        expect({ id, ...shape(res) }).toEqual({ id, ...shape(unknown) });
        expect({ id, list: await storedList(id) }).toEqual({ id, list: undefined });
      }
    });

    it('fills an article with no good matches with the newest of its category, marked fallback', async () => {
      const offTopic: ArticleInput = {
        id: 'choosing-a-bicycle-helmet',
        title: 'Choosing a bicycle helmet',
        summary: 'Sizing, straps and safety certification marks for commuter helmets.',
        category: 'Living with T1D',
        tags: ['bicycle-helmets'],
        publishedAt: '2026-01-10',
        readTimeMinutes: 2,
        keyTakeaways: ['Measure head circumference above the eyebrows before you buy.'],
        sections: [
          {
            heading: 'Fit',
            body: 'A snug helmet sits level, two fingers above the eyebrows, with the chin strap closed.',
          },
        ],
        evidence: null,
      };
      await put(offTopic);
      // read before the stream has indexed it: computed for this answer only
      expect((await related(offTopic.id)).cached).toBe(false);
      await poller.drain(60_000);
      // the stream indexer marked it; the marker schedule stores its list
      await stack.openSearch.indices.refresh({ index: stack.config.indexAlias });
      expect((await runRefresh('markers')).done).toBe(true);
      const { items, cached } = await related(offTopic.id);
      expect(cached).toBe(true);
      const category = [...fixtures.values()]
        .filter((a) => a.category === offTopic.category && a.evidence && a.id !== offTopic.id)
        .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id))
        .map((a) => a.id);
      // no tag is shared and the category has fewer than 4: the list is short rather than padded
      expect(category.length).toBeGreaterThan(0);
      expect(items.map((i) => i.id)).toEqual(category.slice(0, 4));
      for (const item of items) {
        expect(item.fallback).toBe(true);
        expect(item.reasons).toContain('same category: Living with T1D');
      }
    });
  });

  describe('freshness', () => {
    it("drops a deleted article from another article's cached list at once", async () => {
      const before = await related(seedArticleId);
      const victim = before.items[0]?.id as string;
      expect((await api('DELETE', `/articles/${victim}`)).status).toBe(204);
      // no stream processing in between: the cached list is filtered on read
      const after = await related(seedArticleId);
      expect(after.cached).toBe(true);
      expect(after.items.map((i) => i.id)).not.toContain(victim);
      expect(after.items).toHaveLength(4);
      expect((await api('GET', `/articles/${victim}/related`)).status).toBe(404);
    });

    it('drops an article whose evidence label was removed at once', async () => {
      const before = await related(seedArticleId);
      const target = fixtures.get(before.items[0]?.id as string) as ArticleInput;
      await put({ ...target, evidence: null });
      const after = await related(seedArticleId);
      expect(after.items.map((i) => i.id)).not.toContain(target.id);
      expect(after.items).toHaveLength(4);
    });

    it('puts a newly written, closely related article into an existing list after the stream and the marker refresh', async () => {
      const seed = fixtures.get(seedArticleId) as ArticleInput;
      const fresh: ArticleInput = {
        ...seed,
        id: 'exercise-trial-slows-islet-autoimmunity',
        title: 'Exercise Trial Slows Islet Autoimmunity in Type 1 Diabetes',
        publishedAt: today,
        evidence: { source: 'Diabetologia', type: 'Randomized controlled trial' },
      };
      expect((await related(seedArticleId, '?limit=12')).items.map((i) => i.id)).not.toContain(
        fresh.id,
      );

      await put(fresh);
      await poller.drain(60_000);
      // the marker schedule runs minutes after a write; by then the index has refreshed
      await stack.openSearch.indices.refresh({ index: stack.config.indexAlias });
      const stale = await related(seedArticleId, '?limit=12');
      expect(stale.items.map((i) => i.id)).not.toContain(fresh.id);

      expect((await runRefresh('markers')).done).toBe(true);
      const { items } = await related(seedArticleId);
      const entry = items.find((i) => i.id === fresh.id);
      expect(entry, JSON.stringify(items.map((i) => i.id))).toBeDefined();
      expect(entry?.fallback).toBe(false);
      expect(entry?.reasons).toContain('closely related content');
      expect(entry?.reasons.some((r) => r.startsWith('newer research on '))).toBe(true);
      expectTrueReasons(seed, entry as RelatedItem);
    });

    it('continues a full refresh from its state when a step reaches its deadline', async () => {
      const deps = createRelated({
        openSearch: stack.openSearch,
        documents: stack.documents,
        config: stack.config,
      }).refreshDeps(() => {});
      let state: RefreshState = startState('full');
      let steps = 0;
      for (let done = false; !done; steps++) {
        ({ state, done } = await refreshRelated(state, Date.now() + 150, { ...deps, pageSize: 5 }));
      }
      expect(steps).toBeGreaterThan(1);
      expect(state).toMatchObject({ failed: 0 });
      // every live article got its list back, one each; articles still scheduled got none
      expect(state.refreshed).toBe([...fixtures.keys()].length - 1);
    });
  });
});
