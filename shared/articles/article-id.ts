import { ValidationError } from '../errors.js';
import type { HttpEvent } from '../http.js';
import { ArticleLimits, articleIdSchema } from './schema.js';

/**
 * The `{id}` of `/articles/{id}` and `/articles/{id}/related`. An id that cannot be an article
 * is a 400 naming `id` on every route, as the OpenAPI parameter's pattern says.
 */
export function parseArticleId(event: HttpEvent): string {
  const parsed = articleIdSchema.safeParse(event.pathParameters?.id ?? '');
  if (parsed.success) return parsed.data;
  throw new ValidationError('The article id is invalid.', [
    {
      field: 'id',
      message: `must be a lower-case slug [a-z0-9-] of at most ${ArticleLimits.idLength} characters`,
    },
  ]);
}
