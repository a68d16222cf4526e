import { ArticleLimits } from '../articles/schema.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { HttpEvent } from '../http.js';
import { defaultRelatedLimit, maxRelatedLimit } from './related-service.js';

/** Article ids are lower-case slugs (see articles/schema.ts); anything else cannot exist. */
const articleId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Reads `GET /articles/{id}/related?limit=N`. An id that cannot be an article is a 404 like any
 * unknown id; a bad `limit` is a 400 naming it.
 */
export function parseRelatedRequest(event: HttpEvent): { id: string; limit: number } {
  const id = event.pathParameters?.id ?? '';
  if (!articleId.test(id) || id.length > ArticleLimits.idLength) {
    throw new NotFoundError(`Article '${id}' does not exist.`);
  }
  // rawQueryString keeps repeated parameters apart
  const values = new URLSearchParams(event.rawQueryString ?? '').getAll('limit');
  if (values.length === 0) return { id, limit: defaultRelatedLimit };
  const text = values[0]?.trim() ?? '';
  const limit = Number(text);
  if (values.length > 1 || !/^\d{1,3}$/.test(text) || limit < 1 || limit > maxRelatedLimit) {
    throw new ValidationError('The limit is invalid.', [
      {
        field: 'limit',
        message:
          values.length > 1
            ? 'must be given at most once'
            : `must be a whole number from 1 to ${maxRelatedLimit}`,
      },
    ]);
  }
  return { id, limit };
}
