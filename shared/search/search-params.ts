import { ArticleLimits } from '../articles/schema.js';
import { type InvalidParam, ValidationError } from '../errors.js';
import type { HttpEvent } from '../http.js';
import * as z from '../zod.js';
import { type Cursor, cursorBinding, decodeCursor, type SortOrder } from './cursor.js';

/** Longer than any real search-box query, long enough for a pasted question or claim. */
export const maxQueryLength = 500;
export const maxPageSize = 50;
export const defaultPageSize = 10;
/** OpenSearch's `max_result_window`: pages beyond it are reached with `cursor`. */
export const maxResultWindow = 10_000;
/** Values one multi-valued filter may carry. */
export const maxFilterValues = 20;

/** A validated `GET /search` request. Empty arrays mean "no filter". */
export interface SearchParams {
  /** Free text; empty means browse. */
  q: string;
  tags: string[];
  /** `all`: articles carrying every tag; `any`: at least one. */
  tagsMode: 'all' | 'any';
  category: string[];
  evidenceType: string[];
  /** Journal names as given; matched case-insensitively (see journal-name.ts). */
  source: string[];
  /** Publication years (any of them): the values of the `year` facet. */
  year: number[];
  /** true: only evidence-labeled articles; false: only unlabeled ones. */
  evidenced: boolean | undefined;
  publishedFrom: string | undefined;
  publishedTo: string | undefined;
  sort: SortOrder;
  page: number;
  pageSize: number;
  cursor: Cursor | undefined;
}

/** Query parameters with every value a parameter was given, in order. */
export type QueryValues = Map<string, string[]>;

/**
 * Reads the query string of an API Gateway v2 event. `rawQueryString` keeps repeated parameters
 * apart (`queryStringParameters` joins them with commas, which a label may itself contain). A
 * value whose percent-encoding is not UTF-8 (a lone surrogate, a stray byte) is a 400 naming it,
 * rather than being silently turned into U+FFFD.
 */
export function queryValues(
  event: Partial<Pick<HttpEvent, 'rawQueryString' | 'queryStringParameters'>>,
): QueryValues {
  const values: QueryValues = new Map();
  const add = (name: string, value: string) =>
    values.set(name, [...(values.get(name) ?? []), value]);
  if (event.rawQueryString) {
    const problems: InvalidParam[] = [];
    for (const pair of event.rawQueryString.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const [rawName, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      const name = decodeQueryComponent(rawName);
      const value = decodeQueryComponent(rawValue);
      if (name === undefined) problems.push({ field: '(query)', message: notUtf8 });
      else if (value === undefined) problems.push({ field: name, message: notUtf8 });
      else add(name, value);
    }
    if (problems.length > 0) throw invalid(problems);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      if (value !== undefined) add(name, value);
    }
  }
  return values;
}

const notUtf8 = 'must be valid UTF-8 when percent-decoded (no lone surrogates or stray bytes)';

/** `application/x-www-form-urlencoded` decoding that refuses what is not UTF-8. */
function decodeQueryComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/**
 * Free text typed by a reader: Unicode-normalised to NFC (so a composed and a decomposed "é" search
 * alike), tabs and line breaks read as spaces, any other control character refused.
 */
const readerText = (max: number, tooLong = `must be at most ${max} characters`) =>
  z
    .pipe(
      z.string().check(
        z.refine((text) => !/\p{Cs}/u.test(text), 'must be valid Unicode (no lone surrogates)'),
        z.refine((text) => !/[^\P{Cc}\t\n\r]/u.test(text), 'must not contain control characters'),
      ),
      z.transform((text) => text.normalize('NFC').replace(/[\t\n\r]/g, ' ')),
    )
    // counted in code points, as JSON Schema's maxLength does (an emoji is one character)
    .check(z.refine((text) => [...text].length <= max, tooLong));

const positiveInt = (max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.regex(/^\d{1,6}$/, 'must be a positive whole number')),
      z.transform(Number),
    ),
    z.number().check(z.int(), z.gte(1), z.lte(max)),
  );

const label = (max: number) => readerText(max, `each value must be at most ${max} characters`);
const labels = (max: number) =>
  z
    .array(label(max))
    .check(z.maxLength(maxFilterValues, `must have at most ${maxFilterValues} values`));

const searchSchema = z.object({
  q: z._default(readerText(maxQueryLength), ''),
  tags: z._default(
    z
      .array(
        z.pipe(
          label(ArticleLimits.tagLength),
          z.transform((tag) => tag.toLowerCase()),
        ),
      )
      .check(z.maxLength(ArticleLimits.tags, `must have at most ${ArticleLimits.tags} values`)),
    [],
  ),
  tagsMode: z._default(z.enum(['all', 'any']), 'all'),
  category: z._default(labels(ArticleLimits.categoryLength), []),
  evidenceType: z._default(labels(ArticleLimits.labelLength), []),
  source: z._default(labels(ArticleLimits.labelLength), []),
  year: z._default(
    z
      .array(
        z.pipe(
          z.string().check(z.regex(/^\d{4}$/, 'each value must be a year such as 2024')),
          z.transform(Number),
        ),
      )
      .check(z.maxLength(maxFilterValues, `must have at most ${maxFilterValues} values`)),
    [],
  ),
  evidenced: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((value) => value === 'true'),
    ),
  ),
  publishedFrom: z.optional(z.iso.date('must be a date such as 2024-01-31')),
  publishedTo: z.optional(z.iso.date('must be a date such as 2024-12-31')),
  sort: z._default(z.enum(['relevance', 'newest', 'oldest']), 'relevance'),
  page: z._default(positiveInt(maxResultWindow), 1),
  pageSize: z._default(positiveInt(maxPageSize), defaultPageSize),
  cursor: z.optional(z.string()),
});

const multiValued = new Set(['tags', 'category', 'evidenceType', 'source', 'year']);
/** Values that can never contain a comma, so a comma always separates two of them. */
const commaSeparated = new Set(['tags', 'year']);

/**
 * Validates `GET /search` parameters. Every problem is reported at once, each naming its
 * parameter, as a 400. Unknown parameters are ignored (links carry tracking parameters); unknown
 * tag or category values are not errors, they just match nothing.
 */
export function parseSearchParams(values: QueryValues): SearchParams {
  const problems: InvalidParam[] = [];
  const raw: Record<string, string | string[]> = {};
  for (const name of Object.keys(searchSchema.shape)) {
    const given = (values.get(name) ?? []).map((v) => v.trim());
    if (multiValued.has(name)) {
      const split = commaSeparated.has(name) ? given.flatMap((v) => v.split(',')) : given;
      raw[name] = split.map((v) => v.trim()).filter((v) => v !== '');
    } else if (given.length > 1) {
      problems.push({ field: name, message: 'must be given at most once' });
    } else if (given[0] !== undefined && (given[0] !== '' || name === 'q')) {
      raw[name] = given[0];
    }
  }
  const parsed = searchSchema.safeParse(raw);
  if (!parsed.success) problems.push(...toInvalidParams(parsed.error));
  if (problems.length > 0 || !parsed.success) throw invalid(problems);

  const { cursor: cursorText, ...given } = parsed.data;
  const params = {
    ...given,
    evidenced: given.evidenced,
    publishedFrom: given.publishedFrom,
    publishedTo: given.publishedTo,
  };
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursorText !== undefined && !cursor) {
    problems.push({ field: 'cursor', message: 'is not a cursor returned by this API' });
  } else if (cursor && cursor.sort !== params.sort) {
    problems.push({ field: 'cursor', message: `was issued for sort=${cursor.sort}` });
  } else if (cursor && cursor.binding !== cursorBinding(params)) {
    problems.push({
      field: 'cursor',
      message: 'was issued for another q, filters or pageSize; send those of the page it came from',
    });
  }
  if (params.publishedFrom && params.publishedTo && params.publishedFrom > params.publishedTo) {
    problems.push({ field: 'publishedTo', message: 'must not be before publishedFrom' });
  }
  if (!cursor && params.page * params.pageSize > maxResultWindow) {
    problems.push({
      field: 'page',
      message: `page × pageSize must be at most ${maxResultWindow}; use cursor to read further`,
    });
  }
  if (problems.length > 0) throw invalid(problems);
  return { ...params, page: cursor?.page ?? params.page, cursor };
}

/** `GET /suggest?q=`: what the reader has typed so far. */
export interface SuggestParams {
  q: string;
}

export const maxSuggestQueryLength = 100;

const suggestSchema = z.object({
  q: z._default(readerText(maxSuggestQueryLength), ''),
});

export function parseSuggestParams(values: QueryValues): SuggestParams {
  const given = values.get('q') ?? [];
  if (given.length > 1) throw invalid([{ field: 'q', message: 'must be given at most once' }]);
  const parsed = suggestSchema.safeParse({ q: given[0]?.trim() });
  if (!parsed.success) throw invalid(toInvalidParams(parsed.error));
  return parsed.data;
}

const toInvalidParams = (error: z.core.$ZodError): InvalidParam[] =>
  error.issues.map((issue) => ({
    field: String(issue.path[0] ?? '(query)'),
    message: issue.message,
  }));

const invalid = (problems: InvalidParam[]) =>
  new ValidationError(
    `Invalid query parameter${problems.length > 1 ? 's' : ''}: ${[...new Set(problems.map((p) => p.field))].join(', ')}.`,
    problems,
  );
