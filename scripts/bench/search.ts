/**
 * Search against the engine: every bench query goes through (a) the real search function's
 * handler in-process with an API Gateway event, (b) the same `_search` bodies that handler sends
 * (recorded beforehand, including a relaxed retry) posted raw, and (c) a reference request:
 * `multi_match` over title and content with the same filters, facet aggregations, highlighted
 * fields and page. (a) − (b) is our code's overhead per request, (a) / (c) what the ranking costs
 * over a plain full-text search.
 *
 * (a) − (b) is a difference of two engine round trips, so its tail is mostly the engine's own
 * variance; two measures keep it honest: every other query posts its bodies raw once more,
 * (b′) − (b) being what the same method reports for no code at all, and the process's CPU time
 * is read around (a) and (b), our code's CPU per request (which waiting on a slower engine or a
 * busy machine does not grow).
 */
import type { OpenSearchClient } from '../../shared/clients/opensearch.js';
import { facetAggregations } from '../../shared/search/facets.js';
import { facetFilters, globalFilters } from '../../shared/search/search-filters.js';
import {
  parseSearchParams,
  queryValues,
  type SearchParams,
} from '../../shared/search/search-params.js';
import { hitSourceFields } from '../../shared/search/search-response.js';
import { createSearchService } from '../../shared/search/search-service.js';
import { visibleFilters } from '../../shared/search-index/visibility.js';
import { getEvent, type HttpLambda, invoke } from './events.js';
import { round, type Summary, summarize } from './percentiles.js';
import { type BenchQuery, isShort } from './query-set.js';
import type { RawOpenSearch } from './raw-http.js';

interface Prepared {
  query: BenchQuery;
  /** What the handler sends, in order (two bodies when the query was relaxed). */
  bodies: string[];
  reference: string;
  /** The reference with highlights in every shown field (see `markingReference`). */
  markingReference: string;
}

interface Sample {
  short: boolean;
  handler: number;
  raw: number;
  /** On every other query: ± (the bodies posted raw once more − (b)). */
  rawRepeat?: number;
  /** This process's CPU ms (user + system, all threads) during (a) and during (b). */
  handlerCpu: number;
  rawCpu: number;
  reference: number;
  rawTook: number;
  referenceTook: number;
  relaxed: boolean;
}

export interface SearchRun {
  corpusSize: number;
  queries: number;
  /** Share of queries the handler sent twice (relaxed retry). */
  relaxedShare: number;
  handler: Summary;
  raw: Summary;
  reference: Summary;
  /** (a) − (b) per query. */
  overhead: Summary;
  /** (b′) − (b): the same bodies posted once more (every other query), the method's noise floor. */
  rawRepeat: Summary;
  /** CPU ms of this process during (a): our code, the HTTP client and GC. */
  handlerCpu: Summary;
  /** CPU ms of (a) − CPU ms of (b), per query: our code's own CPU per request. */
  overheadCpu: Summary;
  /** OpenSearch's own `took` for (b) and (c). */
  rawTook: Summary;
  referenceTook: Summary;
  short: Split;
  long: Split;
}

interface Split {
  queries: number;
  handler: Summary;
  raw: Summary;
  reference: Summary;
  overhead: Summary;
  vsReferenceP50: number;
  vsReferenceP99: number;
}

/** The reference: a plain full-text search doing the same filtering, faceting and highlighting. */
export function referenceBody(params: SearchParams, now: Date) {
  const postFilters = Object.values(facetFilters(params));
  return {
    query: {
      bool: {
        filter: [...visibleFilters(now), ...globalFilters(params)],
        must: [
          params.q
            ? { multi_match: { query: params.q, fields: ['title', 'content'] } }
            : { match_all: {} },
        ],
      },
    },
    ...(postFilters.length > 0 && { post_filter: { bool: { filter: postFilters } } }),
    aggs: facetAggregations(params),
    ...(params.sort !== 'relevance' && {
      sort: [{ publishedAt: params.sort === 'newest' ? 'desc' : 'asc' }, { id: 'asc' }],
    }),
    from: (params.page - 1) * params.pageSize,
    size: params.pageSize,
    _source: hitSourceFields,
    ...(params.q && {
      highlight: {
        fields: {
          title: { number_of_fragments: 0 },
          summary: { fragment_size: 160, number_of_fragments: 1 },
          keyTakeaways: { fragment_size: 160, number_of_fragments: 1 },
          body: { fragment_size: 160, number_of_fragments: 2 },
        },
      },
    }),
  };
}

/**
 * The reference whose highlighter marks the words in every shown field: the reference's own
 * highlighter marks only fields its query searches (`require_field_match`), so it does the
 * title's and skips the summary, takeaways and body that the handler highlights.
 */
export function markingReference(params: SearchParams, now: Date) {
  const body = referenceBody(params, now);
  return body.highlight
    ? { ...body, highlight: { ...body.highlight, require_field_match: false } }
    : body;
}

/**
 * Records the bodies the search service sends for each query, through the production
 * `createSearchService` with a client that writes down what it is asked to send and sends only
 * what the service's fallbacks decide on (`decisionProbe`): a fraction of the engine time, so
 * the quick run stays short. Also warms connections and the JIT.
 */
export async function prepareQueries(
  client: OpenSearchClient,
  alias: string,
  queries: readonly BenchQuery[],
): Promise<Prepared[]> {
  let sent: string[] = [];
  const recorder = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'search') return Reflect.get(target, property, receiver);
      return (params: { body: unknown }) => {
        sent.push(JSON.stringify(params.body));
        return target.search({
          ...params,
          body: decisionProbe(params.body as SearchBody),
        } as never);
      };
    },
  });
  const service = createSearchService(recorder, { index: alias });
  const prepared: Prepared[] = [];
  for (const query of queries) {
    const params = parseSearchParams(queryValues({ rawQueryString: query.rawQueryString }));
    sent = [];
    await service.search(params);
    prepared.push({
      query,
      bodies: sent,
      reference: JSON.stringify(referenceBody(params, new Date())),
      markingReference: JSON.stringify(markingReference(params, new Date())),
    });
  }
  return prepared;
}

type SearchBody = { query: unknown; post_filter?: unknown; aggs?: { textMatches?: unknown } };

/** What the relaxed and approximate retries are decided on: the counts, no hits, no highlights. */
const decisionProbe = (body: SearchBody) => ({
  query: body.query,
  ...(body.post_filter !== undefined && { post_filter: body.post_filter }),
  ...(body.aggs?.textMatches !== undefined && { aggs: { textMatches: body.aggs.textMatches } }),
  size: 0,
  track_total_hits: true,
});

export async function benchSearch(opts: {
  handler: HttpLambda;
  raw: RawOpenSearch;
  prepared: readonly Prepared[];
  alias: string;
  corpusSize: number;
}): Promise<SearchRun> {
  const path = `/${opts.alias}/_search`;
  const samples: Sample[] = [];
  for (const [i, { query, bodies, reference: referenceJson }] of opts.prepared.entries()) {
    const sample: Sample = {
      short: isShort(query),
      handler: 0,
      raw: 0,
      handlerCpu: 0,
      rawCpu: 0,
      reference: 0,
      rawTook: 0,
      referenceTook: 0,
      relaxed: bodies.length > 1,
    };
    const postBodies = async () => {
      let ms = 0;
      for (const body of bodies) {
        const res = await opts.raw.post(path, body);
        ms += res.ms;
        sample.rawTook += res.took;
      }
      return ms;
    };
    const handler = async () => {
      const cpu = cpuMs();
      const res = await invoke(opts.handler, getEvent('/search', query.rawQueryString));
      sample.handlerCpu = cpuMs() - cpu;
      if (res.status !== 200)
        throw new Error(`/search?${query.rawQueryString}: ${res.status} ${res.body}`);
      sample.handler = res.ms;
    };
    const raw = async () => {
      const cpu = cpuMs();
      sample.raw = await postBodies();
      sample.rawCpu = cpuMs() - cpu;
    };
    const reference = async () => {
      const res = await opts.raw.post(path, referenceJson);
      sample.reference = res.ms;
      sample.referenceTook = res.took;
    };
    // the noise floor, on every other query: after (b) then (a), the bodies posted raw once more;
    // ± ((b′) − (b)) compares a first and a later posting, in alternating order, as (a) − (b) does
    const again = async () => {
      const tookSoFar = sample.rawTook;
      const ms = await postBodies();
      sample.rawTook = tookSoFar;
      sample.rawRepeat = i % 4 === 1 ? ms - sample.raw : sample.raw - ms;
    };
    // (a) and (b) back to back, each first on every other query, so neither is always the one
    // meeting a cold cache; (c) before or after them
    const pair = i % 2 === 0 ? [handler, raw] : [raw, handler, again];
    const steps = Math.floor(i / 2) % 2 === 0 ? [...pair, reference] : [reference, ...pair];
    for (const step of steps) await step();
    samples.push(sample);
  }
  const split = (subset: Sample[]): Split => {
    const handler = summarize(subset.map((s) => s.handler));
    const reference = summarize(subset.map((s) => s.reference));
    return {
      queries: subset.length,
      handler,
      raw: summarize(subset.map((s) => s.raw)),
      reference,
      overhead: summarize(subset.map((s) => s.handler - s.raw)),
      vsReferenceP50: round(handler.p50 / reference.p50),
      vsReferenceP99: round(handler.p99 / reference.p99),
    };
  };
  return {
    corpusSize: opts.corpusSize,
    queries: samples.length,
    relaxedShare: round(samples.filter((s) => s.relaxed).length / samples.length),
    handler: summarize(samples.map((s) => s.handler)),
    raw: summarize(samples.map((s) => s.raw)),
    reference: summarize(samples.map((s) => s.reference)),
    overhead: summarize(samples.map((s) => s.handler - s.raw)),
    rawRepeat: summarize(samples.flatMap((s) => (s.rawRepeat === undefined ? [] : [s.rawRepeat]))),
    handlerCpu: summarize(samples.map((s) => s.handlerCpu)),
    overheadCpu: summarize(samples.map((s) => s.handlerCpu - s.rawCpu)),
    rawTook: summarize(samples.map((s) => s.rawTook)),
    referenceTook: summarize(samples.map((s) => s.referenceTook)),
    short: split(samples.filter((s) => s.short)),
    long: split(samples.filter((s) => !s.short)),
  };
}

/** CPU ms this process has used so far, all threads (GC helpers included), user + system. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The engine's CPU per search, from the OpenSearch process's own CPU counter around a pass of
 * every recorded body (b), then of every reference body (c) and of the marking reference: what
 * capacity planning needs, and unlike latency it does not grow when other processes share the
 * machine.
 */
export async function engineCpuPerSearch(
  raw: RawOpenSearch,
  prepared: readonly Prepared[],
  alias: string,
): Promise<{ bodiesMs: number; referenceMs: number; markingReferenceMs: number }> {
  const path = `/${alias}/_search`;
  const pass = async (bodies: string[]) => {
    const before = await raw.cpuMs();
    for (const body of bodies) await raw.post(path, body);
    return round(((await raw.cpuMs()) - before) / prepared.length);
  };
  return {
    bodiesMs: await pass(prepared.flatMap((p) => p.bodies)),
    referenceMs: await pass(prepared.map((p) => p.reference)),
    markingReferenceMs: await pass(prepared.map((p) => p.markingReference)),
  };
}

/** Keystroke by keystroke through the real suggest function: every prefix of some queries. */
export async function benchSuggest(
  handler: HttpLambda,
  queries: readonly BenchQuery[],
): Promise<Summary> {
  const texts = queries
    .map((q) => new URLSearchParams(q.rawQueryString).get('q') ?? '')
    .filter((q) => q.length > 2 && q.length < 40)
    .slice(0, 40);
  const prefixes = texts.flatMap((t) =>
    Array.from({ length: t.length - 1 }, (_, i) => t.slice(0, i + 2)),
  );
  const samples: number[] = [];
  for (const round of [0, 1]) {
    for (const prefix of prefixes) {
      const res = await invoke(handler, getEvent('/suggest', `q=${encodeURIComponent(prefix)}`));
      if (res.status !== 200) throw new Error(`/suggest?q=${prefix}: ${res.status} ${res.body}`);
      if (round > 0) samples.push(res.ms); // round 0 warms up
    }
  }
  return summarize(samples);
}
