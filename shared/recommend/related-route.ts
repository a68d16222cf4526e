import { parseArticleId } from '../articles/article-id.js';
import { ValidationError } from '../errors.js';
import { type HttpEvent, json } from '../http.js';
import type { HttpRoute } from '../http-handler.js';
import { RelatedLimits } from './related-limits.js';
import type { RelatedService } from './related-service.js';

/** `GET /articles/{id}/related?limit=N`: validate → related lists → JSON. */
export const makeRelatedRoute =
  ({ related }: { related: Pick<RelatedService, 'related'> }): HttpRoute =>
  async (event) => {
    const { id, limit } = parseRelatedRequest(event);
    // not cached downstream: a deleted or unlabeled article must vanish from widgets at once
    return json(200, await related.related(id, limit));
  };

/** Reads `GET /articles/{id}/related?limit=N`; a bad id or `limit` is a 400 naming it. */
export function parseRelatedRequest(event: HttpEvent): { id: string; limit: number } {
  const id = parseArticleId(event);
  // rawQueryString keeps repeated parameters apart
  const values = new URLSearchParams(event.rawQueryString ?? '').getAll('limit');
  if (values.length === 0) return { id, limit: RelatedLimits.default };
  const text = values[0]?.trim() ?? '';
  const limit = Number(text);
  if (values.length > 1 || !/^\d{1,3}$/.test(text) || limit < 1 || limit > RelatedLimits.max) {
    throw new ValidationError('The limit is invalid.', [
      {
        field: 'limit',
        message:
          values.length > 1
            ? 'must be given at most once'
            : `must be a whole number from 1 to ${RelatedLimits.max}`,
      },
    ]);
  }
  return { id, limit };
}
