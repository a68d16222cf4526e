import { type HttpEvent, json } from '../http.js';
import type { HttpRoute } from '../http-handler.js';
import { parseRelatedRequest } from './related-request.js';
import type { RelatedService } from './related-service.js';

/** `GET /articles/{id}/related?limit=N`: validate → related lists → JSON. */
export const makeRelatedRoute =
  ({ related }: { related: Pick<RelatedService, 'related'> }): HttpRoute =>
  async (event: HttpEvent) => {
    const { id, limit } = parseRelatedRequest(event);
    // not cached downstream: a deleted or unlabeled article must vanish from widgets at once
    return json(200, await related.related(id, limit));
  };
