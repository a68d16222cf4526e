import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/openapi/document.js';

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };

const operations = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'put', 'delete'].includes(method))
    .map(
      ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation as Operation] as const,
    ),
);
const gatewayJson = {
  'application/json': { schema: { $ref: '#/components/schemas/GatewayError' } },
};

describe("the OpenAPI document and API Gateway's own errors", () => {
  it('names its servers', () => {
    expect(openApiDocument.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it.each(operations)(
    '%s documents throttling (429) and failures (500) as API Gateway answers them',
    (_, operation) => {
      expect(operation.responses['429']?.content).toEqual(gatewayJson);
      expect(operation.responses['500']?.content).toMatchObject(gatewayJson);
      expect(Object.keys(operation.responses['500']?.content ?? {})).toEqual([
        'application/problem+json',
        'application/json',
      ]);
    },
  );

  it('documents the signature rejection API Gateway answers on admin routes', () => {
    const admin = operations.filter(([key]) => key.endsWith(' /articles/{id}'));

    expect(admin).toHaveLength(3);
    for (const [key, operation] of admin) {
      expect(operation.responses['403']?.content, key).toMatchObject(gatewayJson);
    }
  });
});
