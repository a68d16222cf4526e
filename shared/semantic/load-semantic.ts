import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Observability } from '../observability.js';
import { type Embedder, loadEmbedder } from './embedder.js';
import { semanticModel } from './model.js';

/** Metric counted whenever the semantic step is skipped (model missing, failed, no vectors). */
export const semanticUnavailableMetric = 'SemanticUnavailable';

/**
 * The production embedding model, loaded once at cold start from `modelDir`. Undefined — lexical
 * ranking only — when no folder is configured or the model cannot load; a failure is logged and
 * counted, never thrown, so a function without its model still answers.
 */
export async function loadSemantic(
  modelDir: string | undefined,
  { logger, metrics }: Observability,
): Promise<Embedder | undefined> {
  if (!modelDir) return undefined;
  try {
    const started = performance.now();
    const embedder = await loadEmbedder(modelDir, semanticModel);
    logger.info('semantic model loaded', {
      model: semanticModel.name,
      loadMs: Math.round(performance.now() - started),
    });
    return embedder;
  } catch (error) {
    logger.error('semantic model failed to load; ranking stays lexical', { error, modelDir });
    metrics.addMetric(semanticUnavailableMetric, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    return undefined;
  }
}
