/** A field-level problem reported in a 400 response. */
export interface InvalidParam {
  field: string;
  message: string;
}

/**
 * Base of every error a caller may see. `expose` says whether `message` is safe to show;
 * anything else becomes a generic 500 in the HTTP error handler.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly title: string,
    options?: { cause?: unknown; expose?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.expose = options?.expose ?? statusCode < 500;
  }
  readonly expose: boolean;
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly invalidParams: InvalidParam[],
  ) {
    super(message, 400, 'Bad Request');
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404, 'Not Found');
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message: string) {
    super(message, 412, 'Precondition Failed');
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, 'Conflict');
  }
}

export class UnauthorizedError extends AppError {
  constructor(message: string, statusCode: 401 | 403 = 401) {
    super(message, statusCode, statusCode === 401 ? 'Unauthorized' : 'Forbidden');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, 'Payload Too Large');
  }
}

/** OpenSearch or DynamoDB failed; the body of the backend's error never reaches a caller. */
export class BackendError extends AppError {
  constructor(message: string, options: { cause: unknown; statusCode?: 502 | 503 }) {
    super(message, options.statusCode ?? 503, 'Service Unavailable', {
      cause: options.cause,
      expose: true,
    });
  }
}

/** An error as one bounded line for logs, dead letters and skip reasons. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message.slice(0, 2_000) : String(error);
