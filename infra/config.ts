import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { devSiteOrigins } from '../shared/api-routes.js';
import {
  type StreamMappingSettings,
  streamMappingSettings,
} from '../shared/indexing/stream-mapping.js';

export const stageNames = ['dev', 'prod'] as const;
export type StageName = (typeof stageNames)[number];

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

/** Everything that differs between deployments, resolved once from context in `infra/app.ts`. */
export interface StageConfig {
  stage: StageName;
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
  api: { rateLimit: number; burstLimit: number; p99LatencyAlarmMs: number };
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
  /**
   * Ship `index.mjs.map` with every function and run it with --enable-source-maps (stack traces
   * in TypeScript lines). Off by default: the map is as large as the code, and cold starts and
   * every error's stack trace pay for it.
   */
  sourceMaps: boolean;
}

type StageDefaults = Omit<
  StageConfig,
  'stage' | 'resourcePrefix' | 'domainName' | 'alarmEmail' | 'sourceMaps'
>;

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
    api: { rateLimit: 50, burstLimit: 100, p99LatencyAlarmMs: 2000 },
    streamIndexer: streamMappingSettings.dev,
    schedules: { reindexHourUtc: 2, relatedRefreshHourUtc: 4, markerRefreshMinutes: 15 },
    logRetentionDays: RetentionDays.TWO_WEEKS,
    logLevel: 'DEBUG',
    searchLatencyAlarmMs: 500,
  },
  prod: {
    retainData: true,
    // Three AZs, three dedicated masters (quorum survives one AZ), replicas on other AZs.
    domain: {
      dataNodes: 3,
      dataNodeInstanceType: 'r7g.large.search',
      masterNodes: 3,
      masterNodeInstanceType: 'm7g.large.search',
      availabilityZones: 3,
      volumeSizeGiB: 50,
    },
    indexAlias: 'articles',
    corsOrigins: ['https://type1cure.org', 'https://www.type1cure.org'],
    api: { rateLimit: 500, burstLimit: 1000, p99LatencyAlarmMs: 1000 },
    streamIndexer: streamMappingSettings.prod,
    schedules: { reindexHourUtc: 2, relatedRefreshHourUtc: 4, markerRefreshMinutes: 15 },
    logRetentionDays: RetentionDays.THREE_MONTHS,
    logLevel: 'INFO',
    searchLatencyAlarmMs: 300,
  },
};

/** Context keys (`-c key=value` or cdk.json) that override the stage defaults. */
export const ContextKeys = {
  stage: 'stage',
  corsOrigins: 'corsOrigins',
  alarmEmail: 'alarmEmail',
  parallelizationFactor: 'parallelizationFactor',
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

/** Resolves the stage (`-c stage=dev|prod`, default dev) and applies context overrides. */
export function stageConfigFromContext(node: Node): StageConfig {
  const stage = node.tryGetContext(ContextKeys.stage) ?? 'dev';
  if (!isStageName(stage)) {
    throw new Error(
      `context ${ContextKeys.stage} must be one of ${stageNames.join(', ')}, got ${String(stage)}`,
    );
  }
  const base = defaults[stage];
  const alarmEmail = node.tryGetContext(ContextKeys.alarmEmail);
  const resourcePrefix = `type1cure-search-${stage}`;
  return {
    ...base,
    stage,
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
    sourceMaps: [true, 'true'].includes(node.tryGetContext(ContextKeys.sourceMaps)),
  };
}
