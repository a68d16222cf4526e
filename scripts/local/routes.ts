import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { apiRoutes } from '../../shared/api-routes.js';

type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Loads the handler of every API route — the same modules CDK bundles — for the local gateway.
 * Call it after the environment is configured: each handler reads its config when loaded.
 */
export async function loadApiRoutes() {
  return Promise.all(
    apiRoutes.map(async (route) => {
      const module = (await import(`../../functions/${route.entry}/handler.ts`)) as {
        handler: HttpLambda;
      };
      return { method: route.method, path: route.path, handler: module.handler };
    }),
  );
}
