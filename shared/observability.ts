import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Config } from './config.js';

/**
 * Powertools logger and metrics for one function. The namespace comes from the validated
 * configuration (POWERTOOLS_METRICS_NAMESPACE, set by CDK); locally the stack scripts set
 * LOG_LEVEL and disable metrics output (POWERTOOLS_METRICS_DISABLED) so logs stay readable.
 */
export function createObservability(
  serviceName: string,
  { metricsNamespace }: Pick<Config, 'metricsNamespace'>,
) {
  const logger = new Logger({ serviceName, correlationIdSearchFn: valueAtPath });
  const metrics = new Metrics({
    serviceName,
    namespace: metricsNamespace,
    // Most invocations count nothing, so the flush after each one has nothing to publish and
    // Metrics warns about it; that is expected here, so its warnings are debug lines.
    logger: {
      debug: (...content) => logger.debug(String(content[0]), ...content.slice(1)),
      info: (...content) => logger.info(String(content[0]), ...content.slice(1)),
      warn: (...content) => logger.debug(String(content[0]), ...content.slice(1)),
      error: (...content) => logger.error(String(content[0]), ...content.slice(1)),
    },
  });
  return { logger, metrics };
}

export type Observability = ReturnType<typeof createObservability>;

/**
 * Resolves a dotted correlation id path (`requestContext.requestId`) in an event. Powertools'
 * own resolver is a full JMESPath engine in a package of its own; dotted paths are all we use.
 */
function valueAtPath(path: string, data: unknown): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Wraps a Lambda handler with Powertools as intended: every log line carries the Lambda context
 * (and, given `correlationIdPath`, the request's correlation id, e.g. API Gateway's request id);
 * metrics are flushed once at the end of each invocation, successful or not, together with a
 * `ColdStart` metric on the first one.
 */
export function withObservability<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  { logger, metrics }: Observability,
  options: { correlationIdPath?: string } = {},
) {
  return middy<TEvent, TResult>(handler)
    .use(
      injectLambdaContext(logger, {
        correlationIdPath: options.correlationIdPath,
        resetKeys: true,
      }),
    )
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
