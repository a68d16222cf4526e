import { ArticleStore } from '../../shared/articles/article-store.js';
import { createDocumentClient } from '../../shared/clients/aws.js';
import type { Config } from '../../shared/config.js';
import { makeArticleEmbedder } from '../../shared/semantic/article-embedding.js';
import { type BackfillResult, backfillVectors } from '../../shared/semantic/backfill-vectors.js';
import { loadEmbedder } from '../../shared/semantic/embedder.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { ensureModelFiles } from './model-files.js';

/**
 * Backfills the production model's vectors into the configured articles table, with the model
 * from SEMANTIC_MODEL_DIR or, when unset, the one the project's scripts fetch. A model failure
 * stops the run (unlike an API write, which goes on without a vector).
 */
export async function runBackfill(
  config: Config,
  onProgress?: (result: BackfillResult) => void,
): Promise<BackfillResult> {
  const embedder = await loadEmbedder(
    config.semanticModelDir ?? (await ensureModelFiles(semanticModel)),
    semanticModel,
  );
  const db = createDocumentClient(config);
  const store = new ArticleStore(
    db,
    config.articlesTable,
    makeArticleEmbedder(embedder, (error) => {
      throw error;
    }),
  );
  return backfillVectors(
    { db, tableName: config.articlesTable, store, model: semanticModel.name },
    onProgress,
  );
}
