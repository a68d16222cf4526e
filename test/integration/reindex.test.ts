import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDomainCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../scripts/generate-articles.js';
import { createLambdaContext } from '../../scripts/local/lambda-context.js';
import { localAwsClientConfig } from '../../scripts/local/moto.js';
import { repoRoot } from '../../scripts/local/repo-root.js';
import type { StreamPoller } from '../../scripts/local/stream-poller.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import {
  continueReindex,
  finishReindex,
  type ReindexDeps,
  ReindexInProgressError,
  runReindex,
  startReindex,
} from '../../shared/ingest/reindex.js';
import { domainBusyReason } from '../../shared/jobs/domain-activity.js';
import {
  makeScheduledReindex,
  type ReindexEvent,
  type ScheduledReindexDeps,
} from '../../shared/jobs/reindex-job.js';
import { selfInvoker } from '../../shared/jobs/self-invoke.js';
import { createObservability } from '../../shared/observability.js';
import { loadIndexStreamHandler, pollArticleStream } from '../helpers/article-stream.js';
import { findVisible, indexSnapshot, tableSnapshot } from '../helpers/index-snapshot.js';
import { createTestStack, reindexDepsOf, type TestStack } from '../helpers/test-stack.js';

describe('full reindex', () => {
  let stack: TestStack;
  let poller: StreamPoller;
  let deps: ReindexDeps;
  let knownId: string;

  const generations = async () => {
    const res = await stack.openSearch.indices.getMapping({
      index: stack.admin.names.generationPattern,
    });
    return Object.keys(res.body).sort();
  };
  const expectIndexEqualsTable = async () =>
    expect(await indexSnapshot(stack.openSearch, stack.config.indexAlias)).toEqual(
      await tableSnapshot(stack.documents, stack.config.articlesTable),
    );
  const scheduled = (overrides: Partial<ScheduledReindexDeps>) =>
    makeScheduledReindex({
      ...createObservability('reindex-test', { metricsNamespace: 'Type1Cure' }),
      reindex: deps,
      domainBusy: async () => undefined,
      continueLater: async () => {
        throw new Error('unexpected continuation');
      },
      ...overrides,
    });
  const lambdaContext = (timeoutMs: number): Context =>
    createLambdaContext('reindex', stack.config.region, timeoutMs);

  beforeAll(async () => {
    stack = await createTestStack('reindex');
    deps = reindexDepsOf(stack);
    const indexer = await loadIndexStreamHandler();
    poller = pollArticleStream(stack, {
      handler: indexer,
    });
    const store = new ArticleStore(stack.documents, stack.config.articlesTable);
    const articles = [...generateArticles(40, 21)];
    for (const article of articles) await store.put(article);
    for (const article of articles.slice(0, 5)) await store.delete(article.id);
    knownId = articles[10]?.id as string;
    await poller.drain(60_000);
  });

  afterAll(async () => {
    await poller?.stop();
    await stack?.close();
  });

  it('builds an equal generation (tombstones included), swaps it in and keeps the newest two', async () => {
    const original = await stack.admin.liveGeneration();
    const first = await runReindex(deps);
    expect(first).toMatchObject({
      status: 'promoted',
      replaces: original,
      mappingChanged: false,
      loaded: 40,
      tombstones: 5,
      skipped: 0,
      verification: { ok: true, tableItems: 40, indexDocuments: 40, mismatches: [] },
    });
    expect(await stack.admin.liveGeneration()).toBe(first.generation);
    expect(await stack.admin.indicesOf(stack.admin.names.write)).toEqual([first.generation]);
    await expectIndexEqualsTable();

    const second = await runReindex(deps);
    expect(second.status).toBe('promoted');
    expect(second.deletedGenerations).toEqual([original]);
    expect(await generations()).toEqual([first.generation, second.generation]);
    expect(await stack.admin.indicesOf(stack.admin.names.building)).toEqual([]);
    await expectIndexEqualsTable();
  });

  it('runs past one invocation: the scheduled function continues itself with JSON state', async () => {
    const queued: ReindexEvent[] = [];
    const handler = scheduled({
      reindex: { ...deps, pageSize: 4 },
      continueLater: async (event) => {
        queued.push(JSON.parse(JSON.stringify(event)) as ReindexEvent);
      },
      marginMs: 0,
      finishBudgetMs: 0,
    });
    const runs = [];
    let event: ReindexEvent | undefined = { trigger: 'schedule' } as ReindexEvent;
    while (event) {
      // No time to spare: each invocation loads one page per segment, then hands over.
      const run = await handler(event, lambdaContext(0));
      runs.push(run.status);
      event = run.status === 'continued' ? queued.shift() : undefined;
    }
    expect(runs.filter((s) => s === 'continued').length).toBeGreaterThanOrEqual(2);
    expect(runs.at(-1)).toBe('promoted');
    await expectIndexEqualsTable();
  });

  it('postpones while the domain is busy and skips while another build is running', async () => {
    const before = await generations();
    const busy = scheduled({
      domainBusy: async () => 'domain articles is applying a change (Modifying)',
    });
    expect(await busy({}, lambdaContext(60_000))).toEqual({
      status: 'postponed',
      reason: 'domain articles is applying a change (Modifying)',
    });
    expect(await generations()).toEqual(before);

    const running = await startReindex(deps);
    expect(await scheduled({})({}, lambdaContext(60_000))).toMatchObject({ status: 'skipped' });
    await expect(startReindex(deps)).rejects.toBeInstanceOf(ReindexInProgressError);

    // A build whose continuation chain died is discarded once it is older than the limit.
    const replacement = await startReindex(deps, { abandonAfterMs: 0 });
    expect(await stack.admin.exists(running.generation)).toBe(false);
    const report = await finishReindex(
      deps,
      await continueReindex(deps, replacement, { deadline: Number.POSITIVE_INFINITY }),
    );
    expect(report.status).toBe('promoted');
  });

  it('discards its build when an in-process run fails midway', async () => {
    const before = await generations();
    const failing = runReindex({ ...deps, tableName: `${stack.name}-missing` });
    await expect(failing).rejects.toThrow(/non-existent table|not found/i);
    expect(await generations()).toEqual(before);
    expect(await stack.admin.indicesOf(stack.admin.names.building)).toEqual([]);
  });

  it('leaves the live alias untouched and discards the build when verification fails', async () => {
    const live = await stack.admin.liveGeneration();
    const state = await continueReindex(deps, await startReindex(deps), {
      deadline: Number.POSITIVE_INFINITY,
    });
    // Damage the build behind the protocol's back: one document lost, one ahead of the table.
    const [lost, ahead] = Object.keys(
      await tableSnapshot(stack.documents, stack.config.articlesTable),
    ).sort();
    await stack.openSearch.delete({ index: state.generation, id: lost as string });
    await stack.openSearch.index({
      index: state.generation,
      id: ahead as string,
      version: 99,
      version_type: 'external',
      body: { id: ahead, deleted: true, version: 99, updatedAt: new Date().toISOString() },
    });

    const report = await finishReindex({ ...deps, catchUp: { attempts: 2, delayMs: 50 } }, state);
    expect(report.status).toBe('failed');
    expect(report.verification.mismatches.map((m) => m.id).sort()).toEqual([lost, ahead]);
    expect(report.reason).toContain(`${lost}: table v`);
    expect(report.reason).toContain(`${ahead}: table v`);
    expect(await stack.admin.liveGeneration()).toBe(live);
    expect(await stack.admin.exists(state.generation)).toBe(false);
    expect(await stack.admin.indicesOf(stack.admin.names.building)).toEqual([]);
    expect(await findVisible(stack.openSearch, stack.config.indexAlias, knownId)).toBeDefined();
  });

  it('detects a mapping change on the live generation and replaces it by a reindex', async () => {
    const live = (await stack.admin.liveGeneration()) as string;
    const mapping = await stack.openSearch.indices.getMapping({ index: live });
    const meta = mapping.body[live]?.mappings._meta as Record<string, string>;
    await stack.openSearch.indices.putMapping({
      index: live,
      body: { _meta: { ...meta, mappingHash: '0ldmap00' } },
    });
    expect((await stack.admin.ensureLive()).stale).toBe(true);

    const report = await runReindex(deps);
    expect(report).toMatchObject({ status: 'promoted', replaces: live, mappingChanged: true });
    expect(await stack.admin.ensureLive()).toEqual({ index: report.generation, stale: false });
  });

  it('asks the OpenSearch Service control plane whether the domain is busy', async () => {
    const controlPlane = new OpenSearchClient(
      localAwsClientConfig(stack.env.AWS_ENDPOINT_URL as string, stack.config.region),
    );
    await controlPlane.send(new CreateDomainCommand({ DomainName: stack.name }));
    expect(await domainBusyReason(controlPlane, stack.name)).toBeUndefined();
    controlPlane.destroy();
  });

  it('hands a continuation to an asynchronous invocation of the function itself', async () => {
    const aws = localAwsClientConfig(stack.env.AWS_ENDPOINT_URL as string, stack.config.region);
    // moto's Lambda needs a role it can assume; IAM speaks the query protocol (no client here).
    const trust = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    };
    const role = await fetch(aws.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${aws.region}/iam/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: new URLSearchParams({
        Action: 'CreateRole',
        Version: '2010-05-08',
        RoleName: stack.name,
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', ...trust }),
      }),
    });
    const roleArn = /<Arn>([^<]+)<\/Arn>/.exec(await role.text())?.[1];
    const lambda = new LambdaClient(aws);
    const emptyZip = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: stack.name,
        Runtime: 'nodejs22.x',
        Role: roleArn,
        Handler: 'handler.handler',
        Code: { ZipFile: emptyZip },
      }),
    );
    const state = await startReindex(deps);
    // Lambda answers 202 once the event is queued; anything else makes this throw.
    await selfInvoker(lambda)({ continuation: state }, { functionName: stack.name });
    lambda.destroy();
    const report = await finishReindex(
      deps,
      await continueReindex(deps, state, { deadline: Number.POSITIVE_INFINITY }),
    );
    expect(report.status).toBe('promoted');
  });

  it('`npm run reindex` runs the same protocol against the configured stack', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/reindex.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...stack.env },
    });
    expect(stdout).toMatch(/loaded 40 documents \(5 tombstones, 0 skipped\) at \d+ docs\/s/);
    expect(stdout).toContain('promoted');
    await expectIndexEqualsTable();
  });
});
