import {
  ArticleLimits,
  articleIdSchema,
  articleInputSchema,
  articleSchema,
  evidenceSchema,
} from '../articles/schema.js';
import { RelatedLimits } from '../recommend/related-limits.js';
import {
  defaultPageSize,
  maxFilterValues,
  maxPageSize,
  maxQueryLength,
  maxResultWindow,
  maxSuggestQueryLength,
} from '../search/search-params.js';
import { hitSourceFields } from '../search/search-response.js';
import { maxSuggestions } from '../search/suggest-query.js';
import * as z from '../zod.js';

/**
 * The OpenAPI 3.1 description of every public endpoint, served at `GET /openapi.json`. Limits
 * come from the code that enforces them and article schemas from their zod definitions, so the
 * document cannot drift from the implementation; integration tests validate real responses
 * against it.
 */

type Schema = Record<string, unknown>;

/** JSON Schema 2020-12 of a zod schema, as a component (no `$schema` of its own). */
function fromZod(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): Schema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const json = (schema: Schema, description: string, headers?: Schema) => ({
  description,
  ...(headers && { headers }),
  content: { 'application/json': { schema } },
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const cacheControl = {
  'Cache-Control': {
    description: 'Public responses may be cached briefly by browsers and the CDN.',
    schema: { type: 'string' },
  },
};

const etag = {
  ETag: { description: 'The article version, quoted, for `If-Match`.', schema: { type: 'string' } },
};

const stringList = { type: 'array', items: { type: 'string' } };

/**
 * Text a reader types: at most `maxLength` characters, no control characters (tab, line feed and
 * carriage return are read as spaces); the API normalises it to NFC.
 */
const readerText = (maxLength: number): Schema => ({
  type: 'string',
  maxLength,
  pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$',
});

/** A repeatable filter: up to `maxFilterValues` values of reader text. */
const labelList = (maxLength: number): Schema => ({
  type: 'array',
  items: readerText(maxLength),
  maxItems: maxFilterValues,
});

/** An empty value (`publishedFrom=` from an empty form field) means the parameter is absent. */
const emptyAllowed = { allowEmptyValue: true };

const query = (name: string, description: string, schema: Schema, extra: Schema = {}) => ({
  name,
  in: 'query',
  description,
  schema,
  ...extra,
});

/** Repeated (`tags=a&tags=b`) or, for tags, comma-separated values. */
const multiValued = { style: 'form', explode: true };

const articleIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The article id, a lower-case slug.',
  schema: fromZod(articleIdSchema),
};

/**
 * A response API Gateway (HTTP API) answers itself, before or instead of the function:
 * `application/json` `{"message": "…"}`, not problem+json.
 */
const gatewayContent = { 'application/json': { schema: ref('GatewayError') } };
const gatewayError = (description: string) => ({ description, content: gatewayContent });
/** A status both the function (problem+json) and API Gateway (its own JSON) may answer with. */
const problemOrGateway = (description: string) => ({
  description,
  content: { ...problem('').content, ...gatewayContent },
});

/** Errors API Gateway itself answers on every route. */
const gatewayErrors = {
  '429': gatewayError(
    'Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff.',
  ),
  '500': problemOrGateway(
    'An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out.',
  ),
};

const badRequest = problem(
  'A parameter is invalid; `invalidParams` names each one and says what is wrong.',
);
const unavailable = problemOrGateway(
  'The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later.',
);

/** The admin routes: either credential, each answered alike when missing or wrong. */
const adminSecurity = [{ adminBearer: [] }, { awsSigV4: [] }];
const credentialProblems = {
  '401': problem('Credentials are missing (local bearer token).'),
  '403': problemOrGateway(
    'Credentials are not valid: problem+json from the function, or `{"message":"Forbidden"}` from API Gateway when a SigV4 signature is missing, wrong or not allowed to invoke the route.',
  ),
};
const conflict = problem('Concurrent writes; retry.');
const preconditionFailed = problem('The article is not at the If-Match version.');

/** Optimistic concurrency on a write: the version (ETag) the caller last read. */
const ifMatch = (description: string) => ({
  name: 'If-Match',
  in: 'header',
  description,
  schema: { type: 'string', pattern: '^(W/)?"?[0-9]{1,15}"?$' },
});

const articleInput = fromZod(articleInputSchema, 'input') as Schema & { required?: string[] };

const facetValues = { type: 'array', items: ref('FacetValue') };

const schemas: Record<string, Schema> = {
  Evidence: fromZod(evidenceSchema),
  Article: fromZod(articleSchema),
  // the id may be left out of the body: the path names the article
  ArticleInput: { ...articleInput, required: articleInput.required?.filter((f) => f !== 'id') },
  GatewayError: {
    type: 'object',
    description: 'An error answered by API Gateway itself, e.g. `{"message":"Too Many Requests"}`.',
    required: ['message'],
    properties: { message: { type: 'string' } },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      invalidParams: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' } },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  SearchHit: {
    type: 'object',
    required: [...hitSourceFields, 'score', 'highlights'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string', description: 'Plain text (not HTML).' },
      summary: { type: 'string', description: 'Plain text (not HTML).' },
      category: { type: 'string' },
      tags: stringList,
      publishedAt: { type: 'string', format: 'date' },
      readTimeMinutes: { type: 'integer', minimum: 1 },
      evidence: { oneOf: [ref('Evidence'), { type: 'null' }] },
      score: { type: 'number', description: 'Relevance score; only comparable within one query.' },
      highlights: {
        type: 'object',
        description:
          'HTML safe to insert as is: matched words are wrapped in <mark>, every other ' +
          'character is escaped.',
        required: ['title', 'snippets'],
        properties: {
          title: { type: 'string' },
          snippets: { type: 'array', maxItems: 3, items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  FacetValue: {
    type: 'object',
    required: ['value', 'count', 'selected'],
    properties: {
      value: { type: 'string', description: 'What to pass back as the filter value.' },
      count: {
        type: 'integer',
        minimum: 0,
        description: 'Results if this value were selected, given every other active filter.',
      },
      selected: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  SearchResponse: {
    type: 'object',
    required: [
      'total',
      'page',
      'pageSize',
      'nextCursor',
      'hits',
      'facets',
      'didYouMean',
      'relaxed',
      'approximate',
      'semantic',
      'tookMs',
    ],
    properties: {
      total: { type: 'integer', minimum: 0 },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: maxPageSize },
      nextCursor: {
        type: ['string', 'null'],
        description:
          'Pass as `cursor` with the same parameters for the next page; null at the end.',
      },
      hits: { type: 'array', items: ref('SearchHit') },
      facets: {
        type: 'object',
        required: ['tags', 'category', 'evidenceType', 'source', 'year'],
        properties: {
          tags: facetValues,
          category: facetValues,
          evidenceType: facetValues,
          source: facetValues,
          year: facetValues,
        },
        additionalProperties: false,
      },
      didYouMean: {
        type: ['string', 'null'],
        description: 'The query with words no article contains corrected, if any were.',
      },
      relaxed: {
        type: 'boolean',
        description:
          'True when too few articles had enough of the words, so articles with any of them ' +
          'are included (those sharing more words still rank higher).',
      },
      approximate: {
        type: 'boolean',
        description:
          'True when no article contained any of the words, so articles with near spellings ' +
          'of them (identifiers included) are shown instead.',
      },
      semantic: {
        type: 'boolean',
        description:
          'True when the page was ranked with meaning (sentence embeddings blended with the ' +
          'word match, as far as the query allows: a query of a few words is re-ordered only ' +
          'among near-equal word matches, and not when one of its words looks misspelled); ' +
          'false when ranking is by words only (browsing, other sort orders, pages past the ' +
          're-ranked window, or the model unavailable).',
      },
      tookMs: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
  Suggestion: {
    oneOf: [
      {
        type: 'object',
        required: ['type', 'text', 'id'],
        properties: {
          type: { const: 'article' },
          text: { type: 'string', description: 'The article title (plain text).' },
          id: { type: 'string' },
        },
        additionalProperties: false,
      },
      {
        type: 'object',
        required: ['type', 'text', 'count'],
        properties: {
          type: { enum: ['tag', 'category'] },
          text: { type: 'string' },
          count: { type: 'integer', minimum: 1 },
        },
        additionalProperties: false,
      },
    ],
  },
  SuggestResponse: {
    type: 'object',
    required: ['q', 'items'],
    properties: {
      q: { type: 'string' },
      items: { type: 'array', maxItems: maxSuggestions, items: ref('Suggestion') },
    },
    additionalProperties: false,
  },
  RelatedItem: {
    type: 'object',
    required: [
      'id',
      'title',
      'summary',
      'tags',
      'publishedAt',
      'evidence',
      'score',
      'reasons',
      'fallback',
    ],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      summary: { type: 'string' },
      tags: stringList,
      publishedAt: { type: 'string', format: 'date' },
      evidence: ref('Evidence'),
      score: { type: 'number' },
      reasons: {
        ...stringList,
        description: 'Short, true explanations, e.g. "shares tags: autoimmunity, risk".',
      },
      fallback: {
        type: 'boolean',
        description: 'Filled in (newest on a shared tag or category), not a close match.',
      },
    },
    additionalProperties: false,
  },
  RelatedResponse: {
    type: 'object',
    required: ['articleId', 'items', 'moreUrl', 'computedAt', 'cached'],
    properties: {
      articleId: { type: 'string' },
      items: { type: 'array', items: ref('RelatedItem') },
      moreUrl: {
        type: 'string',
        description: 'A /search link for more evidence-labeled coverage of the same topics.',
      },
      computedAt: { type: 'string', format: 'date-time' },
      cached: { type: 'boolean' },
    },
    additionalProperties: false,
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Type1Cure search and recommendations API',
    version: '1.0.0',
    description:
      'Faceted full-text search, autocomplete and related articles over Type1Cure articles, ' +
      'and the editors’ admin API. Errors the functions answer are RFC 9457 ' +
      '`application/problem+json`. API Gateway answers some errors itself as ' +
      '`application/json` `{"message": …}` (the `GatewayError` schema): 404 for a path or method ' +
      'no route matches, 403 for a rejected SigV4 signature, 413, 429 when throttled, 500 when a ' +
      'function failed, 503 when it timed out. Through the CloudFront distribution, errors ' +
      'CloudFront raises itself (origin unreachable, 502/503/504) are HTML.',
  },
  servers: [
    {
      url: '/',
      description:
        'Where this document was fetched: the CloudFront site URL (cached public routes, widget assets) or the API Gateway URL (stack outputs SiteUrl / ApiUrl), or http://127.0.0.1:8787 with npm start.',
    },
  ],
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  paths: {
    '/search': {
      get: {
        operationId: 'search',
        summary: 'Search articles',
        description:
          'Full-text search with typo tolerance, medical synonyms and stemming, disjunctive ' +
          'facets, highlights and "did you mean". An empty `q` browses. Unknown tags or ' +
          'categories are not errors; they match nothing.',
        parameters: [
          query(
            'q',
            'Free text; any characters are safe (never query syntax) except control characters.',
            readerText(maxQueryLength),
          ),
          query(
            'tags',
            'Tags to filter by: repeat the parameter or separate with commas.',
            labelList(ArticleLimits.tagLength),
            multiValued,
          ),
          query(
            'tagsMode',
            '`all`: articles with every tag; `any`: with at least one.',
            { type: 'string', enum: ['all', 'any'], default: 'all' },
            emptyAllowed,
          ),
          query(
            'category',
            'Categories (any of them); repeat for several.',
            labelList(ArticleLimits.categoryLength),
            multiValued,
          ),
          query(
            'evidenceType',
            'Evidence types (any of them), e.g. `Randomized controlled trial`.',
            labelList(ArticleLimits.labelLength),
            multiValued,
          ),
          query(
            'source',
            'Journals (any of them), matched case-insensitively.',
            labelList(ArticleLimits.labelLength),
            multiValued,
          ),
          query(
            'evidenced',
            '`true`: only evidence-labeled articles; `false`: only unlabeled ones.',
            { type: 'string', enum: ['true', 'false'] },
            emptyAllowed,
          ),
          query(
            'year',
            'Publication years (any of them), the values of the `year` facet: repeat the ' +
              'parameter or separate with commas.',
            {
              type: 'array',
              items: { type: 'integer', minimum: 1000, maximum: 9999 },
              maxItems: 20,
            },
            multiValued,
          ),
          query(
            'publishedFrom',
            'Published on or after this date.',
            { type: 'string', format: 'date' },
            emptyAllowed,
          ),
          query(
            'publishedTo',
            'Published on or before this date.',
            { type: 'string', format: 'date' },
            emptyAllowed,
          ),
          query(
            'sort',
            'Result order.',
            { type: 'string', enum: ['relevance', 'newest', 'oldest'], default: 'relevance' },
            emptyAllowed,
          ),
          query(
            'page',
            `Page number; page × pageSize may not exceed ${maxResultWindow} (use cursor beyond).`,
            { type: 'integer', minimum: 1, maximum: maxResultWindow, default: 1 },
            emptyAllowed,
          ),
          query(
            'pageSize',
            'Hits per page.',
            { type: 'integer', minimum: 1, maximum: maxPageSize, default: defaultPageSize },
            emptyAllowed,
          ),
          query(
            'cursor',
            'The `nextCursor` of the previous page, for deep paging. It is bound to the q, filters, sort and pageSize that issued it: send the same ones, or get a 400 naming cursor.',
            { type: 'string' },
            emptyAllowed,
          ),
        ],
        responses: {
          ...gatewayErrors,
          '200': json(ref('SearchResponse'), 'One page of results.', cacheControl),
          '400': badRequest,
          '503': unavailable,
        },
      },
    },
    '/suggest': {
      get: {
        operationId: 'suggest',
        summary: 'Autocomplete',
        description:
          `Up to ${maxSuggestions} suggestions for what has been typed so far: article titles ` +
          'by prefix (typo tolerant from five letters), then matching tags and categories.',
        parameters: [
          query(
            'q',
            'What the reader has typed; empty gives no suggestions.',
            readerText(maxSuggestQueryLength),
          ),
        ],
        responses: {
          ...gatewayErrors,
          '200': json(ref('SuggestResponse'), 'Suggestions, best first.', cacheControl),
          '400': badRequest,
          '503': unavailable,
        },
      },
    },
    '/articles/{id}/related': {
      get: {
        operationId: 'relatedArticles',
        summary: 'Related evidence-labeled articles',
        parameters: [
          articleIdParameter,
          query('limit', 'How many items.', {
            type: 'integer',
            minimum: 1,
            maximum: RelatedLimits.max,
            default: RelatedLimits.default,
          }),
        ],
        responses: {
          ...gatewayErrors,
          '200': json(ref('RelatedResponse'), 'Related articles, best first.'),
          '400': badRequest,
          '404': problem('No such article, or one not published yet (scheduled) or deleted.'),
          '503': unavailable,
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document',
        responses: {
          ...gatewayErrors,
          '200': json({ type: 'object' }, 'The OpenAPI 3.1 document.', cacheControl),
        },
      },
    },
    '/articles/{id}': {
      parameters: [articleIdParameter],
      put: {
        operationId: 'putArticle',
        summary: 'Create or replace an article (admin)',
        security: adminSecurity,
        parameters: [ifMatch('Only write if the live article is at this version (its ETag).')],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ArticleInput') } },
        },
        responses: {
          ...gatewayErrors,
          '200': json(ref('Article'), 'Replaced.', etag),
          '201': json(ref('Article'), 'Created.', etag),
          '400': badRequest,
          ...credentialProblems,
          '409': conflict,
          '412': preconditionFailed,
          '413': problemOrGateway(
            'The body is too large: problem+json from the function, or `{"message":"Request Entity Too Large"}` from API Gateway above its 10 MB payload limit.',
          ),
          '503': unavailable,
        },
      },
      get: {
        operationId: 'getArticle',
        summary: 'Read an article (admin)',
        security: adminSecurity,
        responses: {
          ...gatewayErrors,
          '200': json(ref('Article'), 'The live article.', etag),
          '400': badRequest,
          ...credentialProblems,
          '404': problem('No such article.'),
          '503': unavailable,
        },
      },
      delete: {
        operationId: 'deleteArticle',
        summary: 'Delete an article (admin)',
        security: adminSecurity,
        parameters: [ifMatch('Only delete if the live article is at this version.')],
        responses: {
          ...gatewayErrors,
          '204': { description: 'Deleted.', headers: etag },
          '400': badRequest,
          ...credentialProblems,
          '404': problem('No such article.'),
          '409': conflict,
          '412': preconditionFailed,
          '503': unavailable,
        },
      },
    },
  },
  components: {
    schemas,
    securitySchemes: {
      adminBearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'Local stack only: the token in LOCAL_ADMIN_TOKEN.',
      },
      awsSigV4: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Deployed: AWS SigV4-signed requests with IAM permission to invoke the API.',
      },
    },
  },
} as const;
