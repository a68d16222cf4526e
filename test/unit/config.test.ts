import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.js';

const env = {
  OPENSEARCH_URL: 'https://search-example.eu-west-1.es.amazonaws.com',
  INDEX_ALIAS: 'articles',
  ARTICLES_TABLE: 'articles',
  RELATED_TABLE: 'related-articles',
  AWS_REGION: 'eu-west-1',
};

describe('loadConfig', () => {
  it('reads a deployed configuration with IAM admin auth and SigV4 by default', () => {
    const config = loadConfig([], env);
    expect(config.openSearch).toEqual({ url: env.OPENSEARCH_URL, auth: 'aws' });
    expect(config.admin).toEqual({ auth: 'iam' });
    expect(config.awsEndpoint).toBeUndefined();
  });

  it('lists every missing or bad variable in one error', () => {
    expect(() => loadConfig([], { OPENSEARCH_URL: 'not a url', ADMIN_AUTH: 'token' })).toThrowError(
      /OPENSEARCH_URL[\s\S]*INDEX_ALIAS[\s\S]*ARTICLES_TABLE[\s\S]*RELATED_TABLE[\s\S]*AWS_REGION/,
    );
  });

  it('requires a long enough local admin token when token auth is chosen', () => {
    expect(() => loadConfig([], { ...env, ADMIN_AUTH: 'token' })).toThrowError(/LOCAL_ADMIN_TOKEN/);
    expect(() =>
      loadConfig([], { ...env, ADMIN_AUTH: 'token', LOCAL_ADMIN_TOKEN: 'short' }),
    ).toThrowError(/LOCAL_ADMIN_TOKEN/);
    const token = 'a-local-token-of-length';
    expect(loadConfig([], { ...env, ADMIN_AUTH: 'token', LOCAL_ADMIN_TOKEN: token }).admin).toEqual(
      {
        auth: 'token',
        token,
      },
    );
  });

  it('requires the settings a function needs, and types them as present', () => {
    expect(() => loadConfig(['deadLetterQueueUrl', 'reindexFunctionName'], env)).toThrowError(
      /DEAD_LETTER_QUEUE_URL: required[\s\S]*REINDEX_FUNCTION_NAME: required/,
    );
    const queue = 'http://127.0.0.1:4566/000000000000/dead-letters';
    const config = loadConfig(['deadLetterQueueUrl'], { ...env, DEAD_LETTER_QUEUE_URL: queue });
    const url: string = config.deadLetterQueueUrl; // a string, not string | undefined
    expect(url).toBe(queue);
    expect(() =>
      loadConfig(['deadLetterQueueUrl'], { ...env, DEAD_LETTER_QUEUE_URL: 'not a url' }),
    ).toThrowError(/DEAD_LETTER_QUEUE_URL: Invalid/);
  });
});
