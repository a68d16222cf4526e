/**
 * The HTTP API's routes and the function behind each: one table read by the CDK app (API Gateway
 * routes and authorization) and by the local gateway, so the two can never disagree.
 * `entry` names the folder under functions/.
 */
export const apiRoutes = [
  { method: 'GET', path: '/search', entry: 'search', access: 'public' },
  { method: 'GET', path: '/suggest', entry: 'suggest', access: 'public' },
  { method: 'GET', path: '/articles/{id}/related', entry: 'related', access: 'public' },
  { method: 'GET', path: '/openapi.json', entry: 'openapi', access: 'public' },
  { method: 'PUT', path: '/articles/{id}', entry: 'articles', access: 'admin' },
  { method: 'GET', path: '/articles/{id}', entry: 'articles', access: 'admin' },
  { method: 'DELETE', path: '/articles/{id}', entry: 'articles', access: 'admin' },
] as const;

export type ApiRoute = (typeof apiRoutes)[number];

/**
 * CORS of the public routes, for API Gateway (infra/constructs/search-api.ts) and the local
 * gateway alike: browsers only need the GETs; admin calls come from signed CLI/SDK clients.
 */
export const apiCors = {
  allowMethods: ['GET', 'OPTIONS'],
  allowHeaders: ['content-type'],
  maxAgeSeconds: 86_400,
} as const;

/** Site origins a dev stage (and `npm start`) allows: the usual front-end dev servers. */
export const devSiteOrigins = ['http://localhost:3000', 'http://localhost:5173'];
