import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, PayloadTooLargeError, ValidationError } from './errors.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A JSON response; `cacheSeconds` adds a public Cache-Control for GETs that may be cached. */
export function json(
  statusCode: number,
  body: unknown,
  options: { cacheSeconds?: number; headers?: Record<string, string> } = {},
): HttpResult {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...options.headers,
  };
  headers['cache-control'] =
    options.cacheSeconds !== undefined
      ? `public, max-age=${options.cacheSeconds}, stale-while-revalidate=${options.cacheSeconds * 5}`
      : 'no-store';
  return { statusCode, headers, body: JSON.stringify(body) };
}

/** RFC 9457 problem details for an error; unknown errors become an opaque 500. */
export function problem(error: unknown, instance?: string): HttpResult {
  const known = error instanceof AppError && error.expose ? error : undefined;
  const status = error instanceof AppError ? error.statusCode : 500;
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: known?.title ?? 'Internal Server Error',
    status,
    detail: known?.message ?? 'An unexpected error occurred.',
  };
  if (instance) body.instance = instance;
  if (error instanceof ValidationError) body.invalidParams = error.invalidParams;
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/**
 * Parses a JSON request body, naming the problem when it is not JSON; a body over `maxBytes` is a
 * 413 before any parsing.
 */
export function parseJsonBody(event: HttpEvent, { maxBytes }: { maxBytes: number }): unknown {
  if (event.body === undefined || event.body === '') {
    throw new ValidationError('A JSON body is required.', [
      { field: '(body)', message: 'is missing' },
    ]);
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new PayloadTooLargeError(`The body is ${bytes} bytes; at most ${maxBytes} are accepted.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError('The body is not valid JSON.', [
      { field: '(body)', message: (error as Error).message },
    ]);
  }
}

/** Case-insensitive header lookup (API Gateway lower-cases them, other callers may not). */
export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
