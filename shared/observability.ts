import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Powertools logger and metrics for one function. Service name and namespace come from the
 * POWERTOOLS_* variables CDK sets; locally the stack scripts set LOG_LEVEL and disable metrics
 * output (POWERTOOLS_METRICS_DISABLED) so logs stay readable.
 */
export function createObservability(serviceName: string) {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({
    serviceName,
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Type1Cure',
  });
  return { logger, metrics };
}

export type Observability = ReturnType<typeof createObservability>;
