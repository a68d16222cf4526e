import path from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { devSiteOrigins } from '../shared/api-routes.js';
import {
  type StreamMappingSettings,
  streamMappingSettings,
} from '../shared/ingest/stream-mapping.js';
import { type FunctionName, projectRoot } from './bundling.js';

export const stageNames = ['dev', 'prod'] as const;
export type StageName = (typeof stageNames)[number];

/**
 * Cluster sizes. `single-node` is dev's; prod picks `small` (the default: up to ~100k articles,
 * an index of a few GB) or `large` with `-c profile=large`.
 */
export const productionProfiles = ['small', 'large'] as const;
export type SizingProfile = 'single-node' | (typeof productionProfiles)[number];

/** OpenSearch Service cluster shape. `masterNodes: 0` means no dedicated master nodes. */
export interface DomainSizing {
  dataNodes: number;
  dataNodeInstanceType: string;
  masterNodes: number;
  masterNodeInstanceType: string;
  /** 1 disables zone awareness; 2 or 3 spread data nodes (and their replicas) across AZs. */
  availabilityZones: 1 | 2 | 3;
  volumeSizeGiB: number;
}

/** Throttle of one route (API Gateway token bucket: steady requests per second, burst). */
export interface RouteThrottle {
  rateLimit: number;
  burstLimit: number;
}

/** Functions that answer the public site, whose concurrency is capped (see `reservedConcurrency`). */
export type PublicFunctionName = Extract<
  FunctionName,
  'search' | 'suggest' | 'related' | 'openapi'
>;

/** Everything that differs between deployments, resolved once from context in `infra/app.ts`. */
export interface StageConfig {
  stage: StageName;
  profile: SizingProfile;
  /**
   * Prefix of every physical name (domain, IAM roles, functions). The domain access policy admits
   * exactly the roles whose names start with it, so it must be unique per account and stage.
   */
  resourcePrefix: string;
  /** OpenSearch domain name (3–28 chars); fixed so IAM policies can name it without a reference. */
  domainName: string;
  /** Prod keeps tables, domain and logs on stack deletion and turns on table deletion protection. */
  retainData: boolean;
  domain: DomainSizing;
  /** Value of INDEX_ALIAS: the alias family the functions read and write. */
  indexAlias: string;
  /** Browser origins allowed by CORS on the public routes. */
  corsOrigins: string[];
  api: {
    /** Stage-wide default throttle. */
    rateLimit: number;
    burstLimit: number;
    /** Per-route throttles by route key (`GET /suggest`), overriding the default. */
    routeThrottles: Record<string, RouteThrottle>;
    p99LatencyAlarmMs: number;
  };
  /**
   * Reserved concurrency of the public functions: a cap, so a traffic spike cannot take the
   * account's concurrency from the stream indexer and the jobs. Lambda requires at least 100
   * unreserved executions per account, so the sum must stay below the account quota minus 100.
   */
  reservedConcurrency: Record<PublicFunctionName, number>;
  /** The stream event source mapping (shared with the local poller). */
  streamIndexer: StreamMappingSettings;
  /** UTC hours of the nightly jobs; the related refresh runs after the reindex has finished. */
  schedules: {
    reindexHourUtc: number;
    relatedRefreshHourUtc: number;
    markerRefreshMinutes: number;
  };
  logRetentionDays: RetentionDays;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** p99 OpenSearch search latency (ms) above which an alarm fires. */
  searchLatencyAlarmMs: number;
  /** Optional e-mail subscribed to the alarm topic. */
  alarmEmail: string | undefined;
  /** The site kit's build output served at the edge (absolute path; may not exist yet). */
  siteAssetsDir: string;
  /** A CloudFront-scope AWS WAF web ACL (it must live in us-east-1) to attach, if any. */
  webAclArn: string | undefined;
  /**
   * Ship `index.mjs.map` with every function and run it with --enable-source-maps (stack traces
   * in TypeScript lines). Off by default: the map is as large as the code, and cold starts and
   * every error's stack trace pay for it.
   */
  sourceMaps: boolean;
}

type StageDefaults = Omit<
  StageConfig,
  | 'stage'
  | 'profile'
  | 'resourcePrefix'
  | 'domainName'
  | 'alarmEmail'
  | 'siteAssetsDir'
  | 'webAclArn'
  | 'sourceMaps'
>;

/** Production cluster sizes; the index is under 1 GB at 50k articles. */
const productionDomains: Record<(typeof productionProfiles)[number], DomainSizing> = {
  // Two general-purpose medium nodes in two AZs, every shard replicated across them, no
  // dedicated masters: the cost floor for a highly available domain.
  small: {
    dataNodes: 2,
    dataNodeInstanceType: 'm7g.medium.search',
    masterNodes: 0,
    masterNodeInstanceType: 'm7g.large.search',
    availabilityZones: 2,
    volumeSizeGiB: 20,
  },
  // Three AZs, three dedicated masters (quorum survives one AZ), replicas on other AZs.
  large: {
    dataNodes: 3,
    dataNodeInstanceType: 'r7g.large.search',
    masterNodes: 3,
    masterNodeInstanceType: 'm7g.large.search',
    availabilityZones: 3,
    volumeSizeGiB: 50,
  },
};

const defaults: Record<StageName, StageDefaults> = {
  dev: {
    retainData: false,
    // One small burstable node: enough for a few thousand articles, no HA.
    domain: {
      dataNodes: 1,
      dataNodeInstanceType: 't3.medium.search',
      masterNodes: 0,
      masterNodeInstanceType: 'm7g.large.search',
      availabilityZones: 1,
      volumeSizeGiB: 10,
    },
    indexAlias: 'articles',
    corsOrigins: devSiteOrigins,
    api: {
      rateLimit: 50,
      burstLimit: 100,
      // Keystrokes arrive in bursts: suggest gets its own, larger bucket.
      routeThrottles: {
        'GET /suggest': { rateLimit: 50, burstLimit: 200 },
        'GET /search': { rateLimit: 25, burstLimit: 50 },
        'GET /articles/{id}/related': { rateLimit: 25, burstLimit: 50 },
      },
      p99LatencyAlarmMs: 2000,
    },
    reservedConcurrency: { search: 10, suggest: 10, related: 5, openapi: 2 },
    streamIndexer: streamMappingSettings.dev,
    schedules: { reindexHourUtc: 2, relatedRefreshHourUtc: 4, markerRefreshMinutes: 15 },
    logRetentionDays: RetentionDays.TWO_WEEKS,
    logLevel: 'DEBUG',
    searchLatencyAlarmMs: 500,
  },
  prod: {
    retainData: true,
    domain: productionDomains.small, // replaced by the chosen profile
    indexAlias: 'articles',
    corsOrigins: ['https://type1cure.org', 'https://www.type1cure.org'],
    // Behind CloudFront most public GETs are answered at the edge; these limit what reaches
    // the origin, per route, with suggest's burst sized for typing.
    api: {
      rateLimit: 500,
      burstLimit: 1000,
      routeThrottles: {
        'GET /suggest': { rateLimit: 300, burstLimit: 1000 },
        'GET /search': { rateLimit: 200, burstLimit: 400 },
        'GET /articles/{id}/related': { rateLimit: 200, burstLimit: 400 },
        'GET /openapi.json': { rateLimit: 10, burstLimit: 20 },
      },
      p99LatencyAlarmMs: 1000,
    },
    reservedConcurrency: { search: 100, suggest: 100, related: 50, openapi: 5 },
    streamIndexer: streamMappingSettings.prod,
    schedules: { reindexHourUtc: 2, relatedRefreshHourUtc: 4, markerRefreshMinutes: 15 },
    logRetentionDays: RetentionDays.THREE_MONTHS,
    logLevel: 'INFO',
    searchLatencyAlarmMs: 300,
  },
};

/** Where `npm run build` writes the site kit (relative to the repository root). */
export const defaultSiteAssets = 'dist/web';

/** Context keys (`-c key=value` or cdk.json) that override the stage defaults. */
export const ContextKeys = {
  stage: 'stage',
  corsOrigins: 'corsOrigins',
  alarmEmail: 'alarmEmail',
  parallelizationFactor: 'parallelizationFactor',
  profile: 'profile',
  siteAssets: 'siteAssets',
  webAclArn: 'webAclArn',
  sourceMaps: 'sourceMaps',
  account: 'account',
  region: 'region',
} as const;

const isStageName = (value: unknown): value is StageName =>
  stageNames.some((name) => name === value);

/** Context values arrive as strings from `-c` and as JSON values from cdk.json. */
function listFromContext(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parallelizationFromContext(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10) {
    throw new Error(
      `context ${ContextKeys.parallelizationFactor} must be an integer 1-10, got ${String(value)}`,
    );
  }
  return n;
}

function originsFromContext(value: unknown, fallback: string[]): string[] {
  const origins = listFromContext(value) ?? fallback;
  const bad = origins.filter((o) => o === '*' || !/^https?:\/\/[^/\s]+$/.test(o));
  if (bad.length > 0 || origins.length === 0) {
    throw new Error(
      `context ${ContextKeys.corsOrigins} must list explicit origins, got ${bad.join(', ')}`,
    );
  }
  return origins;
}

/**
 * CloudFront takes only web ACLs of scope CLOUDFRONT, which AWS WAF keeps in us-east-1 whatever
 * region the stacks are in: an ARN from elsewhere would fail the deploy, so it fails synth.
 */
function webAclFromContext(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const arn = String(value);
  if (!/^arn:aws[\w-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/.test(arn)) {
    throw new Error(
      `context ${ContextKeys.webAclArn} must be a CloudFront-scope web ACL in us-east-1 (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>), got ${arn}`,
    );
  }
  return arn;
}

function profileFromContext(stage: StageName, value: unknown): SizingProfile {
  if (stage === 'dev') {
    if (value === undefined) return 'single-node';
    throw new Error(`context ${ContextKeys.profile} applies to prod only (dev runs one node)`);
  }
  const profile = value ?? 'small';
  const known = productionProfiles.find((p) => p === profile);
  if (!known) {
    throw new Error(
      `context ${ContextKeys.profile} must be one of ${productionProfiles.join(', ')}, got ${String(profile)}`,
    );
  }
  return known;
}

/** Resolves the stage (`-c stage=dev|prod`, default dev) and applies context overrides. */
export function stageConfigFromContext(node: Node): StageConfig {
  const stage = node.tryGetContext(ContextKeys.stage) ?? 'dev';
  if (!isStageName(stage)) {
    throw new Error(
      `context ${ContextKeys.stage} must be one of ${stageNames.join(', ')}, got ${String(stage)}`,
    );
  }
  const base = defaults[stage];
  const profile = profileFromContext(stage, node.tryGetContext(ContextKeys.profile));
  const alarmEmail = node.tryGetContext(ContextKeys.alarmEmail);
  const resourcePrefix = `type1cure-search-${stage}`;
  return {
    ...base,
    stage,
    profile,
    domain: profile === 'single-node' ? base.domain : productionDomains[profile],
    resourcePrefix,
    domainName: resourcePrefix,
    corsOrigins: originsFromContext(node.tryGetContext(ContextKeys.corsOrigins), base.corsOrigins),
    streamIndexer: {
      ...base.streamIndexer,
      parallelizationFactor: parallelizationFromContext(
        node.tryGetContext(ContextKeys.parallelizationFactor),
        base.streamIndexer.parallelizationFactor,
      ),
    },
    alarmEmail: typeof alarmEmail === 'string' && alarmEmail.length > 0 ? alarmEmail : undefined,
    webAclArn: webAclFromContext(node.tryGetContext(ContextKeys.webAclArn)),
    siteAssetsDir: path.resolve(
      projectRoot,
      String(node.tryGetContext(ContextKeys.siteAssets) ?? defaultSiteAssets),
    ),
    sourceMaps: [true, 'true'].includes(node.tryGetContext(ContextKeys.sourceMaps)),
  };
}
