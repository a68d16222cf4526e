import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../scripts/local/lambda-context.js';
import { NotFoundError } from '../../shared/errors.js';
import { type HttpEvent, json } from '../../shared/http.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';

const event = (requestId: string) =>
  ({ rawPath: '/x', requestContext: { requestId, http: { method: 'GET' } } }) as HttpEvent;
const context = (): Context => createLambdaContext('t1c-test', 'us-east-1', 3_000);

describe('httpHandler (Powertools middlewares and the error contract)', () => {
  it("logs with API Gateway's request id as correlation id, only for that request", async () => {
    const observability = createObservability('http-test', { metricsNamespace: 'Type1Cure' });
    const seen: unknown[] = [];
    const handler = httpHandler(async () => {
      seen.push(observability.logger.getCorrelationId());
      return json(200, {});
    }, observability);

    await handler(event('req-1'), context());
    await handler(event('req-2'), context());

    expect(seen).toEqual(['req-1', 'req-2']);
    expect(observability.logger.getCorrelationId()).toBeUndefined(); // keys reset afterwards
  });

  it('flushes metrics after every request, failed or not, with a cold-start metric once', async () => {
    const observability = createObservability('http-test', { metricsNamespace: 'Type1Cure' });
    const publish = vi.spyOn(observability.metrics, 'publishStoredMetrics');
    const coldStart = vi.spyOn(observability.metrics, 'captureColdStartMetric');
    let fail = false;
    const handler = httpHandler(async () => {
      if (fail) throw new NotFoundError('no such thing');
      return json(200, {});
    }, observability);

    await handler(event('a'), context());
    fail = true;
    const failed = await handler(event('b'), context());

    expect(failed).toMatchObject({
      statusCode: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
    expect(publish).toHaveBeenCalledTimes(2);
    expect(coldStart).toHaveBeenCalledTimes(2); // asked each time; Powertools emits it once
  });
});
