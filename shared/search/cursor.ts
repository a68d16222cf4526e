import { z } from 'zod';

export type SortOrder = 'relevance' | 'newest' | 'oldest';

/**
 * Where the next page starts: the sort values of the last hit served (OpenSearch `search_after`),
 * for the sort it was made with, and the number of the page it leads to. Opaque to clients.
 */
export interface Cursor {
  sort: SortOrder;
  after: Array<string | number>;
  page: number;
}

const wireSchema = z.object({
  s: z.enum(['relevance', 'newest', 'oldest']),
  a: z
    .array(z.union([z.string().max(200), z.number()]))
    .min(1)
    .max(4),
  p: z.number().int().min(2),
});

export function encodeCursor(cursor: Cursor): string {
  const wire: z.infer<typeof wireSchema> = { s: cursor.sort, a: cursor.after, p: cursor.page };
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

/** The cursor in `text`, or undefined when it is not one this API issued. */
export function decodeCursor(text: string): Cursor | undefined {
  if (text.length > 1_000 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const wire = wireSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return wire.success ? { sort: wire.data.s, after: wire.data.a, page: wire.data.p } : undefined;
  } catch {
    return undefined;
  }
}
