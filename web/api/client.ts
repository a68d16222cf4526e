import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

/** The API's response and parameter types, as generated from its OpenAPI document. */
export type Schemas = components['schemas'];
export type SearchResponse = Schemas['SearchResponse'];
export type SearchHit = Schemas['SearchHit'];
export type FacetValue = Schemas['FacetValue'];
export type SuggestResponse = Schemas['SuggestResponse'];
export type Suggestion = Schemas['Suggestion'];
export type RelatedResponse = Schemas['RelatedResponse'];
export type RelatedItem = Schemas['RelatedItem'];
export type Problem = Schemas['Problem'];
/** `GET /search` query parameters. */
export type SearchQuery = NonNullable<paths['/search']['get']['parameters']['query']>;
export type FacetName = keyof SearchResponse['facets'];

/** A typed fetch client for the public API (openapi-fetch). `baseUrl` without a trailing slash. */
export function createApiClient(baseUrl: string, fetchImpl?: typeof fetch) {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(fetchImpl && { fetch: fetchImpl }),
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
