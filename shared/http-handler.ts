import type { Context } from 'aws-lambda';
import { AppError } from './errors.js';
import { type HttpEvent, type HttpResult, problem } from './http.js';
import { type Observability, withObservability } from './observability.js';

/**
 * One HTTP route. Every route has the same shape: a `<name>-route.ts` exporting
 * `make<Name>Route(deps): HttpRoute` that parses the request (a parse function beside it, or
 * its own `*-params.ts` when large), calls one service and shapes the response.
 */
export type HttpRoute = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * Wraps an HTTP route for API Gateway: Powertools context with API Gateway's request id as the
 * correlation id, metrics flushed per request, and the one place errors become responses. Known
 * errors become problem+json with their status; anything else is logged and becomes an opaque
 * 500. Registered last, so its `onError` runs first and the other middlewares see the response.
 */
export function httpHandler(route: HttpRoute, observability: Observability) {
  const { logger } = observability;
  return withObservability(route, observability, {
    correlationIdPath: 'requestContext.requestId', // API Gateway's request id (HTTP API)
  }).use({
    onError: async (request) => {
      const error = request.error;
      if (!(error instanceof AppError) || error.statusCode >= 500) {
        logger.error('request failed', { error: error as Error, path: request.event.rawPath });
      }
      request.response = problem(error, request.event.rawPath);
    },
  });
}
