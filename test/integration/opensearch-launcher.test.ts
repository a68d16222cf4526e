import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type API, Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalOpenSearch, startOpenSearch } from '../../scripts/local/opensearch.js';
import { isPortListening } from '../../scripts/local/process-utils.js';

// Starts a real node, so this file owns its port; the first run also resolves the jars.
const port = 9390;
const startTimeoutMs = 180_000;
const tmpRoot = fileURLToPath(new URL('../../.local/test-tmp/', import.meta.url));

const articles = 'launcher-articles';
const articleIndex: API.Indices_Create_RequestBody = {
  settings: {
    analysis: {
      filter: {
        article_synonyms: {
          type: 'synonym_graph',
          synonyms: ['t1d, type 1 diabetes', 'hypo, hypoglycaemia, low blood sugar'],
        },
        english_stop: { type: 'stop', stopwords: '_english_' },
        english_stemmer: { type: 'stemmer', language: 'english' },
      },
      analyzer: {
        article_text: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'asciifolding', 'english_stop', 'english_stemmer'],
        },
        // synonyms only at query time, so the synonym list can change without a reindex
        article_search: {
          type: 'custom',
          tokenizer: 'standard',
          filter: [
            'lowercase',
            'asciifolding',
            'article_synonyms',
            'english_stop',
            'english_stemmer',
          ],
        },
      },
    },
  },
  mappings: {
    properties: {
      title: { type: 'search_as_you_type' },
      body: {
        type: 'text',
        analyzer: 'article_text',
        search_analyzer: 'article_search',
        fields: { english: { type: 'text', analyzer: 'english' } },
      },
      popularity: { type: 'rank_feature' },
      readMinutes: { type: 'integer' },
    },
  },
};
const docs = [
  {
    id: '1',
    title: 'Exercise and blood glucose',
    body: 'Regular exercise changes how the body uses insulin.',
    popularity: 5,
    readMinutes: 4,
  },
  {
    id: '2',
    title: 'Living with type 1 diabetes',
    body: 'A guide to daily life with type 1 diabetes at school and at the café.',
    popularity: 20,
    readMinutes: 9,
  },
  {
    id: '3',
    title: 'Insulin pump basics',
    body: 'How an insulin pump delivers basal insulin.',
    popularity: 1,
    readMinutes: 2,
  },
];

describe('local OpenSearch launcher', { timeout: 30_000 }, () => {
  let dataDir: string;
  let node: LocalOpenSearch;
  let client: Client;

  const ids = async (query: Record<string, unknown>) => {
    const { body } = await client.search({ index: articles, body: { query } });
    return body.hits.hits.map((hit) => hit._id);
  };

  beforeAll(async () => {
    vi.stubEnv('OPENSEARCH_URL', undefined); // this file tests the launcher, not a shared node
    await mkdir(tmpRoot, { recursive: true });
    dataDir = await mkdtemp(`${tmpRoot}opensearch-launcher-`);
    node = await startOpenSearch({ port, dataDir });
    client = new Client({ node: node.url });

    await client.indices.create({ index: articles, body: articleIndex });
    const { body } = await client.bulk({
      refresh: true,
      body: docs.flatMap(({ id, ...doc }) => [{ index: { _index: articles, _id: id } }, doc]),
    });
    expect(body.errors).toBe(false);
  }, startTimeoutMs);

  afterAll(async () => {
    await node?.stop();
    vi.unstubAllEnvs();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (dataDir) await rm(`${dataDir}.log`, { force: true });
  }, startTimeoutMs);

  it('serves green indices on a single node', async () => {
    const { body } = await client.cluster.health({ index: articles });

    expect(body.status).toBe('green');
  });

  it('stems with the english analyzer', async () => {
    expect(await ids({ match: { 'body.english': 'exercising' } })).toEqual(['1']);
  });

  it('expands synonyms and folds accents at query time', async () => {
    expect(await ids({ match: { body: 't1d' } })).toEqual(['2']);
    expect(await ids({ match: { body: 'cafe' } })).toEqual(['2']);
  });

  it('completes titles with search_as_you_type', async () => {
    const query = {
      multi_match: {
        query: 'insulin pu',
        type: 'bool_prefix',
        fields: ['title', 'title._2gram', 'title._3gram'],
      },
    };

    expect(await ids(query)).toEqual(['3']);
  });

  it('ranks by a rank_feature field', async () => {
    expect(await ids({ rank_feature: { field: 'popularity' } })).toEqual(['2', '1', '3']);
  });

  it('finds related articles with more_like_this', async () => {
    const query = {
      more_like_this: {
        fields: ['body'],
        like: [{ _index: articles, _id: '1' }],
        min_term_freq: 1,
        min_doc_freq: 1,
      },
    };

    expect(await ids(query)).toEqual(['3']);
  });

  it('scores with a painless script', async () => {
    const { body } = await client.search({
      index: articles,
      body: {
        query: {
          script_score: {
            query: { match_all: {} },
            script: { source: "1.0 / doc['readMinutes'].value" },
          },
        },
      },
    });

    expect(body.hits.hits.map((hit) => [hit._id, hit._score])).toEqual([
      ['3', 0.5],
      ['1', 0.25],
      ['2', expect.closeTo(1 / 9, 5)],
    ]);
  });

  it('reindexes into another index', async () => {
    const { body } = await client.reindex({
      refresh: true,
      body: { source: { index: articles }, dest: { index: `${articles}-copy` } },
    });
    const { body: count } = await client.count({ index: `${articles}-copy` });

    expect(body).toMatchObject({ created: docs.length, failures: [] });
    expect(count.count).toBe(docs.length);
  });

  it('closes the port on stop', async () => {
    await node.stop();

    expect(await isPortListening(port)).toBe(false);
  });
});

describe('startOpenSearch with OPENSEARCH_URL set', () => {
  it('starts nothing and returns that URL', async () => {
    vi.stubEnv('OPENSEARCH_URL', 'http://127.0.0.1:9399');
    try {
      const external = await startOpenSearch({ port: 9399, dataDir: `${tmpRoot}unused` });

      expect(external.url).toBe('http://127.0.0.1:9399');
      expect(await isPortListening(9399)).toBe(false);
      await external.stop();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
