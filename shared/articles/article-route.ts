import type { Config } from '../config.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { header, json, parseJsonBody } from '../http.js';
import type { HttpRoute } from '../http-handler.js';
import { assertAdmin } from './admin-auth.js';
import { parseArticleId } from './article-id.js';
import type { ArticleStore } from './article-store.js';
import { ArticleLimits } from './schema.js';
import { parseArticleInput } from './validate.js';

/** The editors' API: `PUT|GET|DELETE /articles/{id}`, admin only. */
export const makeArticleRoute =
  ({ store, admin }: { store: ArticleStore; admin: Config['admin'] }): HttpRoute =>
  async (event) => {
    assertAdmin(event, admin);
    const id = parseArticleId(event);
    const ifMatch = parseIfMatch(header(event, 'if-match'));
    switch (event.requestContext.http.method) {
      case 'PUT': {
        const input = parseArticleInput(
          parseJsonBody(event, { maxBytes: ArticleLimits.requestBytes }),
          id,
        );
        const { article, created } = await store.put(input, { ifMatch });
        return json(created ? 201 : 200, article, { headers: { etag: `"${article.version}"` } });
      }
      case 'DELETE': {
        const tombstone = await store.delete(id, { ifMatch });
        return { statusCode: 204, headers: { etag: `"${tombstone.version}"` } };
      }
      default: {
        const article = await store.get(id);
        if (!article) throw new NotFoundError(`Article '${id}' does not exist.`);
        return json(200, article, { headers: { etag: `"${article.version}"` } });
      }
    }
  };

/** Accepts `3`, `"3"` and `W/"3"` (the ETag this API sends is the quoted version). */
function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!match?.[1]) {
    throw new ValidationError('The If-Match header is invalid.', [
      { field: 'If-Match', message: 'must be an article version such as "3"' },
    ]);
  }
  return Number(match[1]);
}
