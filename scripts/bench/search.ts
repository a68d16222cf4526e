/**
 * `npx tsx scripts/bench/search.ts [--synthetic 5000] [--rounds 5]`
 *
 * Latency of `GET /search` and `GET /suggest` through the real search and suggest functions
 * (handler, validation, query building, response mapping) against a real local OpenSearch holding
 * the fixture corpus plus `--synthetic` generated articles. The documents are bulk-loaded through
 * the project's template and bulk writer (the stream path adds nothing to read latency). Requests
 * go one at a time, so the figures are latencies, not throughput. Local figures on a shared
 * machine: compare runs, don't quote them as production numbers.
 *
 * Uses OPENSEARCH_URL when set; otherwise starts OpenSearch on port 9261 and stops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { toIndexDocument } from '../../shared/index/document.js';
import { IndexAdmin } from '../../shared/index/index-admin.js';
import { bulkWrite } from '../../shared/indexing/bulk-write.js';
import { generateArticles } from '../generate-articles.js';
import { loadFixtureArticles } from '../local/fixtures.js';
import { startLocalSearch } from '../local/local-search.js';
import { quietFunctions } from './bench-stack.js';
import { latencyRow } from './percentiles.js';

const { values } = parseArgs({
  options: {
    synthetic: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
  },
});
const syntheticCount = Number(values.synthetic);
const rounds = Number(values.rounds);
const log = (line: string) => process.stderr.write(`[bench:search] ${line}\n`);
quietFunctions();

/** What readers type: words, phrases, typos, identifiers, synonyms, questions, and filters. */
const searches: string[] = [
  'q=insulin',
  'q=exercise',
  'q=autoimunity',
  'q=T1D',
  'q=GAD65',
  'q=HLA-DR3',
  'q=insulin%20pump',
  'q=beta%20cell%20replacement',
  'q=closed%20loop%20in%20pregnancy',
  'q=can%20exercise%20help%20calm%20the%20immune%20system%20in%20type%201%20diabetes',
  'q=hypoglycemia&tags=children',
  'q=screening&tags=autoantibodies&tags=children&tagsMode=any',
  'q=teplizumab&evidenced=true&sort=newest',
  'q=cgm&category=Technology%20%26%20Devices&publishedFrom=2023-01-01',
  'q=diabetes&page=3&pageSize=20',
  'q=teplizumab%20zeppelinology',
  '',
  'tags=cure&sort=newest',
  'evidenceType=Meta-analysis&evidenceType=Systematic%20review',
  'source=diabetes%20care&sort=oldest&pageSize=50',
];

/** Keystroke by keystroke: every prefix of a few things readers look for. */
const typed = ['exercise immune', 'teplizumab', 'closed loop', 'GAD65', 'hypoglycaemia at night'];
const suggestions = typed.flatMap((text) =>
  Array.from(
    { length: text.length - 1 },
    (_, i) => `q=${encodeURIComponent(text.slice(0, i + 2))}`,
  ),
);

type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** A payload format 2.0 event like the one API Gateway (and the local gateway) sends. */
const event = (path: string, rawQueryString: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: `GET ${path}`,
  rawPath: path,
  rawQueryString,
  headers: {},
  isBase64Encoded: false,
  requestContext: {
    accountId: 'local',
    apiId: 'bench',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: randomBytes(8).toString('hex'),
    routeKey: `GET ${path}`,
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
  },
});

const openSearch = await startLocalSearch({ port: 9261, dataDirName: 'bench-search', log });
const { client } = openSearch;
const admin = new IndexAdmin(client, `bench-search-${randomBytes(3).toString('hex')}`);
try {
  const articles = [...(await loadFixtureArticles()), ...generateArticles(syntheticCount, 42)];
  const loadStarted = performance.now();
  const index = await admin.createGeneration({ bulkLoad: true });
  const updatedAt = new Date().toISOString();
  for (let i = 0; i < articles.length; i += 500) {
    const docs = articles.slice(i, i + 500).map((input) => ({
      id: input.id,
      version: 1,
      document: toIndexDocument({ ...input, version: 1, updatedAt }),
    }));
    await bulkWrite(client, [index], docs);
  }
  await admin.finishBulkLoad(index);
  await admin.promote(index);
  log(
    `${articles.length} articles indexed in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );

  Object.assign(process.env, {
    OPENSEARCH_URL: openSearch.url,
    OPENSEARCH_AUTH: 'none',
    INDEX_ALIAS: admin.alias,
    // required by the shared configuration, never touched by search
    ARTICLES_TABLE: 'bench-unused',
    RELATED_TABLE: 'bench-unused',
    AWS_REGION: 'us-east-1',
  });
  const search = (await import('../../functions/search/handler.js')) as { handler: HttpLambda };
  const suggest = (await import('../../functions/suggest/handler.js')) as { handler: HttpLambda };
  const context = {} as Context;

  async function measure(handler: HttpLambda, path: string, queries: string[]) {
    const samples: number[] = [];
    const serverMs: number[] = [];
    for (let round = -1; round < rounds; round++) {
      for (const query of queries) {
        const started = performance.now();
        const res = await handler(event(path, query), context);
        const ms = performance.now() - started;
        if (res.statusCode !== 200)
          throw new Error(`${path}?${query}: ${res.statusCode} ${res.body}`);
        // round -1 warms connections, the JIT and OpenSearch's caches
        if (round < 0) continue;
        samples.push(ms);
        const took = (JSON.parse(res.body ?? '{}') as { tookMs?: number }).tookMs;
        if (took !== undefined) serverMs.push(took);
      }
    }
    return { samples, serverMs };
  }

  const searchRun = await measure(search.handler, '/search', searches);
  const suggestRun = await measure(suggest.handler, '/suggest', suggestions);

  console.log(
    [
      `Search latency on ${articles.length} articles (fixtures + ${syntheticCount} synthetic), one request at a time, ms`,
      '| request | count | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
      latencyRow(`GET /search, handler (${searches.length} query shapes)`, searchRun.samples),
      latencyRow('GET /search, tookMs (OpenSearch round trips)', searchRun.serverMs),
      latencyRow(`GET /suggest, handler (${suggestions.length} keystrokes)`, suggestRun.samples),
    ].join('\n'),
  );
} finally {
  await client.indices.delete({ index: admin.names.generationPattern }, { ignore: [404] });
  await client.indices.deleteIndexTemplate({ name: admin.names.template }, { ignore: [404] });
  await openSearch.close();
}
