import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';

/**
 * Queues an asynchronous invocation of the function named `functionName` with `payload`. Lambda
 * accepts event payloads of up to 256 KB and answers 202 once the event is queued.
 */
export async function invokeAsync(
  lambda: LambdaClient,
  functionName: string,
  payload: unknown,
): Promise<void> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  if (out.StatusCode !== 202) {
    throw new Error(
      `asynchronous invocation of ${functionName} was not accepted (status ${out.StatusCode})`,
    );
  }
}

/**
 * Sends `payload` to a fresh asynchronous invocation of the running function, so a job can
 * continue past Lambda's 15-minute limit. By name, unqualified: that is what the function's role
 * may invoke (see NodeFunction.allowSelfInvoke).
 */
export function selfInvoker(lambda: LambdaClient) {
  return (payload: unknown, context: Pick<Context, 'functionName'>): Promise<void> =>
    invokeAsync(lambda, context.functionName, payload);
}
