import { createHash } from 'node:crypto';
import { normalizeJournal } from '../articles/journal-name.js';
import * as z from '../zod.js';
import type { SearchParams } from './search-params.js';

export type SortOrder = 'relevance' | 'newest' | 'oldest';

/**
 * Where the next page starts: the sort values of the last hit served (OpenSearch `search_after`),
 * for the sort it was made with, and the number of the page it leads to. Opaque to clients.
 */
export interface Cursor {
  sort: SortOrder;
  after: Array<string | number>;
  page: number;
  /** `cursorBinding` of the request that issued it: only that request may continue with it. */
  binding: string;
  /**
   * Issued by a page the semantic step re-ranked: while the next page starts inside the blended
   * window it is cut from the same blended ranking, after it `after` (the window's lexical tail
   * or a later lexical hit) continues lexically. See shared/search/semantic-rerank.ts.
   */
  blended?: true;
}

/** What a cursor is bound to: everything of a search request but its position. */
export type CursorScope = Omit<SearchParams, 'cursor' | 'page'>;

const epochMillis = z.number().check(z.int());
const id = z.string().check(z.minLength(1), z.maxLength(200));
/** The sort values of each sort order's clauses (see `sortClauses` in search-query.ts). */
const afterSchemas = {
  relevance: z.tuple([z.number(), epochMillis, id]),
  newest: z.tuple([epochMillis, id]),
  oldest: z.tuple([epochMillis, id]),
};

const wireSchema = z.object({
  s: z.enum(['relevance', 'newest', 'oldest']),
  a: z.array(z.union([z.string(), z.number()])),
  p: z.number().check(z.int(), z.gte(2)),
  b: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
  w: z.optional(z.literal(1)),
});

export function encodeCursor(cursor: Cursor): string {
  const wire: z.infer<typeof wireSchema> = {
    s: cursor.sort,
    a: cursor.after,
    p: cursor.page,
    b: cursor.binding,
    ...(cursor.blended && { w: 1 as const }),
  };
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

/**
 * The cursor in `text`, or undefined when it is not one this API issued: its sort values must
 * have the shape its sort order gives them, so a forged cursor never reaches OpenSearch.
 */
export function decodeCursor(text: string): Cursor | undefined {
  if (text.length > 1_000 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // the decoder skips stray characters; only the exact text this API wrote is accepted
  if (bytes.toString('base64url') !== text) return undefined;
  try {
    const wire = wireSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!wire.success) return undefined;
    const { s: sort, a, p: page, b: binding, w } = wire.data;
    const after = afterSchemas[sort].safeParse(a);
    if (!after.success) return undefined;
    return { sort, after: after.data, page, binding, ...(w && { blended: true as const }) };
  } catch {
    return undefined;
  }
}

/**
 * A digest of the query, filters, sort and page size, compared as the search compares them (filter
 * values in any order, journals in any capitals). A cursor carries the digest of the request that
 * issued it and is refused by any other; no secret is needed, since a forged cursor can only
 * page through results its sender could ask for anyway.
 */
export function cursorBinding(scope: CursorScope): string {
  const sorted = (values: readonly string[]) => [...new Set(values)].sort();
  const canonical = [
    scope.q,
    sorted(scope.tags),
    scope.tagsMode,
    sorted(scope.category),
    sorted(scope.evidenceType),
    sorted(scope.source.map((source) => normalizeJournal(source).key)),
    [...new Set(scope.year)].sort((a, b) => a - b),
    scope.evidenced ?? null,
    scope.publishedFrom ?? null,
    scope.publishedTo ?? null,
    scope.sort,
    scope.pageSize,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 22);
}
