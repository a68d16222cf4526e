import type { LocalNames } from './provision.js';

/** Names `npm start` gives its tables, queue and index alias; the operator CLIs assume the same. */
export const localStackNames: LocalNames = {
  indexAlias: 'articles',
  articlesTable: 'articles',
  relatedTable: 'related-articles',
  deadLetterQueue: 'index-stream-dead-letters',
};

/** Ports of the `npm start` stack, each overridable from the environment. */
export function localStackPorts(env: NodeJS.ProcessEnv = process.env) {
  return {
    api: Number(env.PORT ?? 8787),
    openSearch: Number(env.OPENSEARCH_PORT ?? 9200),
    moto: Number(env.MOTO_PORT ?? 4566),
    site: Number(env.SITE_PORT ?? 8788),
  };
}
