import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import { type RunningGateway, startGateway } from '../../scripts/local/gateway.js';
import { createLambdaContext } from '../../scripts/local/lambda-context.js';
import { type LocalOpenSearch, startOpenSearch } from '../../scripts/local/opensearch.js';
import { freePort } from '../../scripts/local/process-utils.js';
import { repoRoot } from '../../scripts/local/repo-root.js';
import { loadApiRoutes } from '../../scripts/local/routes.js';
import type { StreamHandler, StreamPoller } from '../../scripts/local/stream-poller.js';
import type { ArticleInput } from '../../shared/articles/schema.js';
import { runReindex } from '../../shared/ingest/reindex.js';
import { type AdminApiResponse, adminApi } from '../helpers/admin-api.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { indexSnapshot, type Snapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, reindexDepsOf, type TestStack } from '../helpers/test-stack.js';

/**
 * Faults as a property: random sequences of creates, updates, deletes and re-creations through
 * the admin API, interleaved with replayed (duplicated, reordered, stale) stream deliveries,
 * stream poller restarts mid-shard, OpenSearch stopped mid-batch and restarted, and full reindexes
 * running under the writes. After quiescence the index holds exactly the table's ids and versions
 * (tombstones included, so nothing deleted comes back) and no related list names a deleted or
 * unlabeled article. `FAULT_RUNS` sets the number of sequences (`npm run soak -- --runs N`).
 */
const runs = Number(process.env.FAULT_RUNS ?? 10);
const seed = process.env.FAULT_SEED === undefined ? undefined : Number(process.env.FAULT_SEED);
/** Article ids per sequence: few, so that updates, deletes and re-creations collide. */
const slots = 4;

interface Model {
  run: number;
  /** What the table must hold, by id. */
  articles: Map<string, { version: number; deleted: boolean; labeled: boolean }>;
  outages: number;
}

/** What the admin and related routes answer, as far as this test reads it. */
interface ApiBody {
  version?: number;
  items?: Array<{ id: string }>;
}

interface Real {
  stack: TestStack;
  api: (method: string, path: string, body?: unknown) => Promise<AdminApiResponse<ApiBody>>;
  /** Every stream record the poller delivered so far, for replays. */
  delivered: DynamoDBRecord[];
  replay: (records: DynamoDBRecord[]) => Promise<void>;
  restartPoller: () => Promise<void>;
  /** The next stream batch stops OpenSearch while it is being handled. */
  armOutage: () => void;
  restoreOpenSearch: () => Promise<void>;
  reindexing: Promise<unknown> | undefined;
}

const pool = [...generateArticles(slots * 2, 14)];
const idOf = (model: Model, slot: number) => `fault-${model.run}-${slot}`;

class Put implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly slot: number,
    readonly variant: number,
    readonly labeled: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = idOf(model, this.slot);
    const source = pool[(this.slot + this.variant) % pool.length] as ArticleInput;
    const { id: _, ...body } = {
      ...source,
      title: `${source.title} (${this.variant})`,
      evidence: this.labeled
        ? (source.evidence ?? { source: 'Lancet', type: 'Randomized controlled trial' })
        : null,
    };
    const res = await real.api('PUT', `/articles/${id}`, body);
    const before = model.articles.get(id);
    expect(res.status, JSON.stringify(res.body)).toBe(before && !before.deleted ? 200 : 201);
    const version = (before?.version ?? 0) + 1;
    expect(res.body.version).toBe(version);
    model.articles.set(id, { version, deleted: false, labeled: this.labeled });
  }
  toString = () => `put(${this.slot}, v${this.variant}${this.labeled ? '' : ', unlabeled'})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly slot: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = idOf(model, this.slot);
    const res = await real.api('DELETE', `/articles/${id}`);
    const before = model.articles.get(id);
    if (!before || before.deleted) {
      expect(res.status).toBe(404);
      return;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    model.articles.set(id, { ...before, version: before.version + 1, deleted: true });
  }
  toString = () => `delete(${this.slot})`;
}

/** Hands the handler a random selection of already delivered records, duplicated and shuffled. */
class Replay implements fc.AsyncCommand<Model, Real> {
  constructor(readonly picks: number[]) {}
  check = () => true;
  async run(_: Model, real: Real) {
    if (real.delivered.length === 0) return;
    await real.replay(
      this.picks.map((p) => real.delivered[p % real.delivered.length] as DynamoDBRecord),
    );
  }
  toString = () => `replay(${this.picks.join(',')})`;
}

class RestartPoller implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  run = async (_: Model, real: Real) => real.restartPoller();
  toString = () => 'restartPoller';
}

/** OpenSearch goes away during the next stream batch and comes back two commands later at most. */
class Outage implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => model.outages === 0;
  async run(model: Model, real: Real) {
    // a reindex that loses its node fails and is discarded; that is not this property
    await real.reindexing;
    model.outages += 1;
    real.armOutage();
  }
  toString = () => 'outage';
}

class Recover implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  run = async (_: Model, real: Real) => real.restoreOpenSearch();
  toString = () => 'recover';
}

class Reindex implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_: Model, real: Real) {
    await real.reindexing;
    await real.restoreOpenSearch();
    real.reindexing = runReindex(reindexDepsOf(real.stack));
  }
  toString = () => 'reindex';
}

const commands = fc.commands(
  [
    fc
      .tuple(fc.nat(slots - 1), fc.nat(9), fc.boolean())
      .map(([slot, variant, labeled]) => new Put(slot, variant, labeled)),
    fc.nat(slots - 1).map((slot) => new Delete(slot)),
    fc.array(fc.nat(), { minLength: 1, maxLength: 8 }).map((picks) => new Replay(picks)),
    fc.constant(new RestartPoller()),
    fc.constant(new Outage()),
    fc.constant(new Recover()),
    fc.constant(new Reindex()),
  ],
  { maxCommands: 14 },
);

describe('faults as a property: the index converges on the table', () => {
  let stack: TestStack;
  let node: LocalOpenSearch | undefined;
  let gateway: RunningGateway;
  let poller: StreamPoller;
  let handler: StreamHandler;
  let outageArmed = false;
  const delivered: DynamoDBRecord[] = [];
  const dataDir = join(repoRoot, '.local', 'test-tmp', `fault-sequences-${process.pid}`);
  let port = 0;

  const startNode = async () => {
    const shared = process.env.OPENSEARCH_URL;
    delete process.env.OPENSEARCH_URL; // start a node of our own: this file stops it
    try {
      node = await startOpenSearch({ port, dataDir, heapMb: 512, log: () => {} });
    } finally {
      process.env.OPENSEARCH_URL = shared;
    }
    return node.url;
  };
  const restoreOpenSearch = async () => {
    outageArmed = false;
    if (!node) await startNode();
  };
  const stopNode = async () => {
    const running = node;
    node = undefined;
    await running?.stop();
  };
  const newPoller = () =>
    pollArticleStream(stack, {
      // Lambda keeps retrying a failing batch; enough attempts to outlast a node restart
      maximumRetryAttempts: 10_000,
      handler: async (event, context) => {
        delivered.push(...event.Records);
        if (outageArmed) {
          outageArmed = false;
          await stopNode(); // the node goes away while this batch is being handled
        }
        return handler(event, context);
      },
    });

  beforeAll(async () => {
    port = await freePort();
    process.env.OPENSEARCH_URL = await startNode();
    stack = await createTestStack('faults');
    handler = await loadIndexStreamHandler();
    gateway = await startGateway({ port: 0, routes: await loadApiRoutes(), log: () => {} });
    poller = newPoller();
  });

  afterAll(async () => {
    await poller?.stop();
    await gateway?.stop();
    await stack?.close();
    await stopNode();
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.log`, { force: true });
  });

  it(
    `holds for ${runs} random fault sequence(s)`,
    async () => {
      let run = 0;
      const real: Real = {
        get stack() {
          return stack;
        },
        api: adminApi(
          () => gateway.url,
          () => stack.adminToken,
        ),
        delivered,
        replay: async (records) => {
          // a failed replay is a lost duplicate, which the real delivery makes up for
          await Promise.resolve(
            handler(
              { Records: records },
              createLambdaContext('index-stream-replay', stack.config.region, 60_000),
            ),
          ).catch(() => {});
        },
        restartPoller: async () => {
          await poller.stop(); // mid-shard: whatever it had not checkpointed is read again
          poller = newPoller();
        },
        armOutage: () => {
          outageArmed = true;
        },
        restoreOpenSearch,
        reindexing: undefined,
      };

      await fc.assert(
        fc.asyncProperty(commands, async (sequence) => {
          run += 1;
          const model: Model = { run, articles: new Map(), outages: 0 };
          real.reindexing = undefined;
          await fc.asyncModelRun(() => ({ model, real }), sequence);
          process.stderr.write(`[faults] sequence ${run}: ${sequence.toString()}\n`);

          // quiescence: the node back, the reindex finished, every record handled
          await restoreOpenSearch();
          await real.reindexing;
          await poller.drain(180_000);

          const table = await tableSnapshot(stack.documents, stack.config.articlesTable);
          const expected: Snapshot = {};
          for (const [id, state] of model.articles) {
            expected[id] = `v${state.version}${state.deleted ? '+deleted' : ''}`;
          }
          expect(pick(table, model)).toEqual(expected);
          expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(table);

          for (const [id, state] of model.articles) {
            const res = await real.api('GET', `/articles/${id}/related`);
            if (state.deleted) {
              expect(res.status).toBe(404);
              continue;
            }
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            for (const item of res.body.items ?? []) {
              const named = model.articles.get(item.id);
              if (!named) continue; // an article of an earlier sequence, checked in its own run
              expect(named.deleted, `${id} names deleted ${item.id}`).toBe(false);
              expect(named.labeled, `${id} names unlabeled ${item.id}`).toBe(true);
            }
          }
        }),
        { numRuns: runs, seed, endOnFailure: true, verbose: 1 },
      );
    },
    600_000 + runs * 120_000,
  );
});

/** The entries of `snapshot` whose id belongs to the model's sequence. */
const pick = (snapshot: Snapshot, model: Model): Snapshot =>
  Object.fromEntries(Object.entries(snapshot).filter(([id]) => model.articles.has(id)));
