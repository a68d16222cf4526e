import { makeArticleRoutes } from '../../shared/articles/article-routes.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { loadConfig } from '../../shared/config.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';

const config = loadConfig();
const observability = createObservability('articles');
const store = new ArticleStore(createDocumentClient(config), config.articlesTable);

/** Admin API: PUT / GET / DELETE /articles/{id}. */
export const handler = httpHandler(
  makeArticleRoutes({ store, admin: config.admin }),
  observability,
);
