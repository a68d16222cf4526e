import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';

/**
 * Sends `payload` to a fresh asynchronous invocation of the running function, so a job can
 * continue past Lambda's 15-minute limit. By name, unqualified: that is what the function's role
 * may invoke (see NodeFunction.allowSelfInvoke). Lambda accepts event payloads of up to 256 KB
 * and answers 202 once the event is queued.
 */
export function selfInvoker(lambda: LambdaClient) {
  return async (payload: unknown, context: Pick<Context, 'functionName'>): Promise<void> => {
    const out = await lambda.send(
      new InvokeCommand({
        FunctionName: context.functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(payload)),
      }),
    );
    if (out.StatusCode !== 202) {
      throw new Error(`asynchronous self-invocation was not accepted (status ${out.StatusCode})`);
    }
  };
}
