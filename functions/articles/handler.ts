import { makeArticleRoute } from '../../shared/articles/article-route.js';
import { ArticleStore } from '../../shared/articles/article-store.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import { loadConfig } from '../../shared/config.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { makeArticleEmbedder } from '../../shared/semantic/article-embedding.js';
import { loadSemantic } from '../../shared/semantic/load-semantic.js';

const config = loadConfig();
const observability = createObservability('articles', config);
const embedder = await loadSemantic(config.semanticModelDir, observability);
const store = new ArticleStore(
  createDocumentClient(config),
  config.articlesTable,
  embedder &&
    makeArticleEmbedder(embedder, (error) =>
      observability.logger.warn('article stored without its vector; the backfill adds it', {
        error,
      }),
    ),
);

/** Admin API: PUT / GET / DELETE /articles/{id}; each write stores the article's vector. */
export const handler = httpHandler(makeArticleRoute({ store, admin: config.admin }), observability);
