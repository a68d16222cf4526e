import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { UnauthorizedError } from '../errors.js';
import { type HttpEvent, header } from '../http.js';

/** What API Gateway's IAM authorizer adds to an HTTP API (payload 2.0) event it let through. */
interface IamAuthorizerContext {
  authorizer?: { iam?: { userArn?: unknown } };
}

/**
 * Admin routes are authorized by API Gateway's IAM authorizer (SigV4) when deployed; the function
 * still checks that the authorizer's context is in the event (defence in depth: a route wired
 * without the authorizer must not open the editors' API). Locally a bearer token stands in for it.
 */
export function assertAdmin(event: HttpEvent, admin: Config['admin']): void {
  if (admin.auth === 'iam') {
    const { authorizer } = event.requestContext as IamAuthorizerContext;
    const caller = authorizer?.iam?.userArn;
    if (typeof caller !== 'string' || caller === '') {
      throw new UnauthorizedError('The request was not authorized with IAM (SigV4).', 403);
    }
    return;
  }
  const value = header(event, 'authorization');
  if (!value)
    throw new UnauthorizedError('Admin credentials are required (Authorization: Bearer <token>).');
  const presented = Buffer.from(value.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(admin.token);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new UnauthorizedError('The admin token is not valid.', 403);
  }
}
