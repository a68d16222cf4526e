import * as z from 'zod';
import { ConfigKeys } from './config-keys.js';

const url = z.url({ protocol: /^https?$/ });

const configSchema = z
  .object({
    [ConfigKeys.openSearchUrl]: url,
    [ConfigKeys.openSearchAuth]: z.enum(['aws', 'none']).default('aws'),
    [ConfigKeys.indexAlias]: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
    [ConfigKeys.articlesTable]: z.string().min(3),
    [ConfigKeys.relatedTable]: z.string().min(3),
    [ConfigKeys.deadLetterQueueUrl]: url.optional(),
    [ConfigKeys.awsEndpoint]: url.optional(),
    [ConfigKeys.region]: z.string().min(1),
    [ConfigKeys.adminAuth]: z.enum(['iam', 'token']).default('iam'),
    [ConfigKeys.localAdminToken]: z.string().min(16).optional(),
    [ConfigKeys.openSearchDomainName]: z.string().min(3).optional(),
    [ConfigKeys.publicBaseUrl]: url.optional(),
    [ConfigKeys.openSearchAdminRoleArn]: z.string().startsWith('arn:').optional(),
    [ConfigKeys.reindexFunctionName]: z.string().min(1).optional(),
    [ConfigKeys.semanticModelDir]: z.string().min(1).optional(),
  })
  .refine((c) => c[ConfigKeys.adminAuth] !== 'token' || c[ConfigKeys.localAdminToken], {
    message: `${ConfigKeys.localAdminToken} is required when ${ConfigKeys.adminAuth}=token`,
    path: [ConfigKeys.localAdminToken],
  });

/** Validated runtime configuration, named for what each value is. */
export interface Config {
  openSearch: { url: string; auth: 'aws' | 'none' };
  indexAlias: string;
  articlesTable: string;
  relatedTable: string;
  deadLetterQueueUrl: string | undefined;
  awsEndpoint: string | undefined;
  region: string;
  admin: { auth: 'iam' } | { auth: 'token'; token: string };
  openSearchDomainName: string | undefined;
  publicBaseUrl: string | undefined;
  openSearchAdminRoleArn: string | undefined;
  reindexFunctionName: string | undefined;
  /** Where the embedding model's files are; undefined turns the semantic step off. */
  semanticModelDir: string | undefined;
}

/**
 * Reads and validates the environment once, at start-up. Throws one error listing every
 * missing or bad variable, so a misconfigured deployment fails loudly on its first cold start.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const token = c[ConfigKeys.localAdminToken];
  return {
    openSearch: { url: c[ConfigKeys.openSearchUrl], auth: c[ConfigKeys.openSearchAuth] },
    indexAlias: c[ConfigKeys.indexAlias],
    articlesTable: c[ConfigKeys.articlesTable],
    relatedTable: c[ConfigKeys.relatedTable],
    deadLetterQueueUrl: c[ConfigKeys.deadLetterQueueUrl],
    awsEndpoint: c[ConfigKeys.awsEndpoint],
    region: c[ConfigKeys.region],
    admin:
      c[ConfigKeys.adminAuth] === 'token' && token ? { auth: 'token', token } : { auth: 'iam' },
    openSearchDomainName: c[ConfigKeys.openSearchDomainName],
    publicBaseUrl: c[ConfigKeys.publicBaseUrl],
    openSearchAdminRoleArn: c[ConfigKeys.openSearchAdminRoleArn],
    reindexFunctionName: c[ConfigKeys.reindexFunctionName],
    semanticModelDir: c[ConfigKeys.semanticModelDir],
  };
}
