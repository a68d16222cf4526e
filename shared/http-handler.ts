import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { AppError } from './errors.js';
import { type HttpEvent, type HttpResult, problem } from './http.js';
import type { Observability } from './observability.js';

export type HttpRoute = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * Wraps an HTTP route for API Gateway: the one place errors become responses. Known errors
 * become problem+json with their status; anything else is logged and becomes an opaque 500.
 */
export function httpHandler(route: HttpRoute, { logger }: Pick<Observability, 'logger'>) {
  return middy<HttpEvent, HttpResult>(route).use({
    onError: async (request) => {
      const error = request.error;
      if (!(error instanceof AppError) || error.statusCode >= 500) {
        logger.error('request failed', { error: error as Error, path: request.event.rawPath });
      }
      request.response = problem(error, request.event.rawPath);
    },
  });
}
