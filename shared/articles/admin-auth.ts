import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { UnauthorizedError } from '../errors.js';
import { type HttpEvent, header } from '../http.js';

/**
 * Admin routes are authorized by API Gateway's IAM authorizer (SigV4) when deployed, so the
 * function has nothing left to check there; locally a bearer token stands in for it.
 */
export function assertAdmin(event: HttpEvent, admin: Config['admin']): void {
  if (admin.auth === 'iam') return;
  const value = header(event, 'authorization');
  if (!value)
    throw new UnauthorizedError('Admin credentials are required (Authorization: Bearer <token>).');
  const presented = Buffer.from(value.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(admin.token);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    throw new UnauthorizedError('The admin token is not valid.', 403);
  }
}
