import { describe, expect, it } from 'vitest';
import { BackendError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { json, problem } from '../../shared/http.js';

describe('problem', () => {
  it('renders a known error as problem+json with its status and fields', () => {
    const res = problem(
      new ValidationError('bad', [{ field: 'pageSize', message: 'too big' }]),
      '/search',
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body as string)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'bad',
      instance: '/search',
      invalidParams: [{ field: 'pageSize', message: 'too big' }],
    });
  });

  it('hides the message and cause of unexpected errors', () => {
    const res = problem(new Error('connect ECONNREFUSED 10.0.0.1:443 secret'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('ECONNREFUSED');
  });

  it('keeps a backend error opaque about its cause', () => {
    const res = problem(
      new BackendError('Search is unavailable.', { cause: new Error('index_not_found body') }),
    );
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Search is unavailable.');
    expect(res.body).not.toContain('index_not_found');
    expect(problem(new NotFoundError('gone')).statusCode).toBe(404);
  });
});

describe('json', () => {
  it('marks cacheable GETs public and everything else no-store', () => {
    expect(json(200, {}, { cacheSeconds: 60 }).headers?.['cache-control']).toMatch(
      /^public, max-age=60/,
    );
    expect(json(201, {}).headers?.['cache-control']).toBe('no-store');
  });
});
