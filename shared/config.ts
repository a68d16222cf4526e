import { ConfigKeys } from './config-keys.js';
import * as z from './zod.js';

const url = z.url({ protocol: /^https?$/ });

const configSchema = z
  .object({
    [ConfigKeys.openSearchUrl]: url,
    [ConfigKeys.openSearchAuth]: z._default(z.enum(['aws', 'none']), 'aws'),
    [ConfigKeys.indexAlias]: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/)),
    [ConfigKeys.articlesTable]: z.string().check(z.minLength(3)),
    [ConfigKeys.relatedTable]: z.string().check(z.minLength(3)),
    [ConfigKeys.deadLetterQueueUrl]: z.optional(url),
    [ConfigKeys.awsEndpoint]: z.optional(url),
    [ConfigKeys.region]: z.string().check(z.minLength(1)),
    [ConfigKeys.adminAuth]: z._default(z.enum(['iam', 'token']), 'iam'),
    [ConfigKeys.localAdminToken]: z.optional(z.string().check(z.minLength(16))),
    [ConfigKeys.openSearchDomainName]: z.optional(z.string().check(z.minLength(3))),
    [ConfigKeys.publicBaseUrl]: z.optional(url),
    [ConfigKeys.openSearchAdminRoleArn]: z.optional(z.string().check(z.startsWith('arn:'))),
    [ConfigKeys.reindexFunctionName]: z.optional(z.string().check(z.minLength(1))),
    [ConfigKeys.semanticModelDir]: z.optional(z.string().check(z.minLength(1))),
    [ConfigKeys.metricsNamespace]: z._default(z.string().check(z.minLength(1)), 'Type1Cure'),
  })
  .check(
    z.refine((c) => c[ConfigKeys.adminAuth] !== 'token' || c[ConfigKeys.localAdminToken], {
      message: `${ConfigKeys.localAdminToken} is required when ${ConfigKeys.adminAuth}=token`,
      path: [ConfigKeys.localAdminToken],
    }),
  );

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
  metricsNamespace: string;
}

/** The settings only some functions need, by the variable that sets each. */
const optionalSettings = {
  deadLetterQueueUrl: ConfigKeys.deadLetterQueueUrl,
  awsEndpoint: ConfigKeys.awsEndpoint,
  openSearchDomainName: ConfigKeys.openSearchDomainName,
  publicBaseUrl: ConfigKeys.publicBaseUrl,
  openSearchAdminRoleArn: ConfigKeys.openSearchAdminRoleArn,
  reindexFunctionName: ConfigKeys.reindexFunctionName,
  semanticModelDir: ConfigKeys.semanticModelDir,
} as const satisfies Partial<Record<keyof Config, string>>;

export type OptionalSetting = keyof typeof optionalSettings;

/** The configuration with the settings a function said it needs made present. */
export type ConfigWith<K extends OptionalSetting> = Config & {
  [P in K]-?: NonNullable<Config[P]>;
};

/**
 * Reads and validates the environment once, at start-up: every function's common settings plus
 * the optional ones it `needs`, which the result then types as present. Throws one error
 * listing every missing or bad variable, so a misconfigured deployment fails loudly on its
 * first cold start.
 */
export function loadConfig<K extends OptionalSetting = never>(
  needs: readonly K[] = [],
  env: NodeJS.ProcessEnv = process.env,
): ConfigWith<K> {
  const parsed = configSchema.safeParse(env);
  const lines = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  for (const need of needs) {
    const key = optionalSettings[need];
    if (env[key] === undefined && !lines.some((line) => line.startsWith(`${key}:`))) {
      lines.push(`${key}: required by this function`);
    }
  }
  if (!parsed.success || lines.length > 0) {
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const token = c[ConfigKeys.localAdminToken];
  const optional = Object.fromEntries(
    Object.entries(optionalSettings).map(([name, key]) => [name, c[key]]),
  ) as Pick<Config, OptionalSetting>;
  return {
    openSearch: { url: c[ConfigKeys.openSearchUrl], auth: c[ConfigKeys.openSearchAuth] },
    indexAlias: c[ConfigKeys.indexAlias],
    articlesTable: c[ConfigKeys.articlesTable],
    relatedTable: c[ConfigKeys.relatedTable],
    region: c[ConfigKeys.region],
    admin:
      c[ConfigKeys.adminAuth] === 'token' && token ? { auth: 'token', token } : { auth: 'iam' },
    metricsNamespace: c[ConfigKeys.metricsNamespace],
    ...optional,
  } as ConfigWith<K>;
}
