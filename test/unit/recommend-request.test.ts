import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { parseRelatedRequest } from '../../shared/recommend/related-route.js';

const event = (id: string, rawQueryString = ''): APIGatewayProxyEventV2 =>
  ({ pathParameters: { id }, rawQueryString }) as unknown as APIGatewayProxyEventV2;

const invalidLimit = (query: string) => {
  try {
    parseRelatedRequest(event('seed', query));
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).invalidParams;
  }
  throw new Error(`'${query}' was accepted`);
};

describe('parseRelatedRequest', () => {
  it('defaults the limit to 4 and accepts 1 to 12', () => {
    expect(parseRelatedRequest(event('seed'))).toEqual({ id: 'seed', limit: 4 });
    expect(parseRelatedRequest(event('seed', 'limit=1')).limit).toBe(1);
    expect(parseRelatedRequest(event('seed', 'limit=12&utm_source=x')).limit).toBe(12);
  });

  it.each([
    'limit=0',
    'limit=13',
    'limit=abc',
    'limit=4.5',
    'limit=-1',
    'limit=',
    'limit=4&limit=5',
  ])('rejects %s naming the limit parameter', (query) => {
    expect(invalidLimit(query)).toEqual([{ field: 'limit', message: expect.any(String) }]);
  });

  it('rejects ids that cannot be articles with a 400 naming the id, as every article route does', () => {
    for (const id of ['Not A Slug', '~refresh-marks#01', 'a'.repeat(121), '']) {
      expect(() => parseRelatedRequest(event(id))).toThrow(ValidationError);
      try {
        parseRelatedRequest(event(id));
      } catch (error) {
        expect((error as ValidationError).invalidParams).toEqual([
          { field: 'id', message: expect.any(String) },
        ]);
      }
    }
  });
});
