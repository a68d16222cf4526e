import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';

/**
 * Sends `payload` to a fresh asynchronous invocation of the running function (same version or
 * alias, from the invoked ARN), so a job can continue past Lambda's 15-minute limit. Lambda
 * accepts event payloads of up to 256 KB and answers 202 once the event is queued.
 */
export function selfInvoker(lambda: LambdaClient) {
  return async (payload: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<void> => {
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: context.invokedFunctionArn,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(payload)),
      }),
    );
    if (out.StatusCode !== 202) {
      throw new Error(`asynchronous self-invocation was not accepted (status ${out.StatusCode})`);
    }
  };
}
