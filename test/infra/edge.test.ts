import { describe, expect, it } from 'vitest';
import { flatten } from './cfn-values.js';
import { type SynthesizedStage, synthStagesForFile } from './synth-stage.js';

const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/t1c-rate/0123abcd-45ef';
const stages = synthStagesForFile({
  dev: {},
  devWithWaf: { stage: 'dev', context: { webAclArn } },
  prod: { siteAssets: { 'widget.js': 'customElements.define("t1c-related", class {});' } },
});

// biome-ignore lint/suspicious/noExplicitAny: template JSON
type Json = Record<string, any>;

function distributionConfig(stage: SynthesizedStage): Json {
  const resource = stage.searchResource(stage.search.edge.distribution);
  return resource.Properties.DistributionConfig;
}

/** A cache or origin request policy of the template, by logical id. */
const resourceById = (stage: SynthesizedStage, id: string): Json =>
  stage.searchTemplate.toJSON().Resources[id];

function behaviors(stage: SynthesizedStage): Record<string, Json> {
  return Object.fromEntries(
    (distributionConfig(stage).CacheBehaviors as Json[]).map((b) => [b.PathPattern, b]),
  );
}

function originOf(stage: SynthesizedStage, behavior: Json): Json {
  const origin = (distributionConfig(stage).Origins as Json[]).find(
    (o) => o.Id === behavior.TargetOriginId,
  );
  if (!origin) throw new Error(`no origin ${behavior.TargetOriginId}`);
  return origin;
}

describe('CloudFront in front of the HTTP API', () => {
  it('routes every API path to the API origin, most specific first', () => {
    const patterns = (distributionConfig(stages.dev).CacheBehaviors as Json[]).map(
      (b) => b.PathPattern,
    );

    expect(patterns).toEqual([
      '/search',
      '/suggest',
      '/articles/*/related',
      '/openapi.json',
      '/articles/*',
    ]);
    for (const behavior of Object.values(behaviors(stages.dev))) {
      const origin = originOf(stages.dev, behavior);
      expect(flatten(origin.DomainName)).toMatch(
        /^<ApiHttpApi[0-9A-F]+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>$/,
      );
      expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    }
  });

  it('caches public GETs by query string and Origin, only as long as Cache-Control says', () => {
    for (const path of ['/search', '/suggest', '/articles/*/related', '/openapi.json']) {
      const behavior = behaviors(stages.dev)[path] as Json;
      expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
      expect(behavior.CachedMethods).toEqual(['GET', 'HEAD']);
      // Managed CORS-CustomOrigin: Origin and the preflight request headers.
      expect(behavior.OriginRequestPolicyId).toBe('59781a5b-3903-41f3-afcb-af62929ccde1');
      const policy = resourceById(stages.dev, behavior.CachePolicyId.Ref).Properties
        .CachePolicyConfig;
      expect(policy).toMatchObject({
        MinTTL: 0,
        DefaultTTL: 0,
        MaxTTL: 86_400,
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Origin'] },
          CookiesConfig: { CookieBehavior: 'none' },
          EnableAcceptEncodingGzip: true,
        },
      });
    }
  });

  it('never caches admin routes and passes Authorization and every other header but Host', () => {
    const admin = behaviors(stages.dev)['/articles/*'] as Json;

    expect(admin.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'PUT', 'DELETE', 'OPTIONS']),
    );
    // Managed AllViewerExceptHostHeader: API Gateway routes by its own host name.
    expect(admin.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    const policy = resourceById(stages.dev, admin.CachePolicyId.Ref).Properties.CachePolicyConfig;
    expect(policy).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
      },
    });
  });

  it('serves everything else from a private bucket through origin access control', () => {
    const config = distributionConfig(stages.dev);
    const s3Origin = originOf(stages.dev, config.DefaultCacheBehavior);
    const bucketId = stages.dev.searchLogicalId(stages.dev.search.edge.assetsBucket);

    expect(flatten(s3Origin.DomainName)).toBe(`<${bucketId}.RegionalDomainName>`);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(stages.dev.searchResource(stages.dev.search.edge.assetsBucket).Properties).toMatchObject(
      {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      },
    );
    const policies = Object.values(
      stages.dev.searchTemplate.findResources('AWS::S3::BucketPolicy'),
    );
    const readers = policies
      .filter((p) => flatten(p.Properties.Bucket) === `<${bucketId}>`)
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Json[])
      .filter((s) => s.Effect === 'Allow');
    expect(readers).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
      }),
    ]);
  });

  it('attaches a given AWS WAF web ACL, and none otherwise', () => {
    expect(distributionConfig(stages.devWithWaf).WebACLId).toBe(webAclArn);
    expect(distributionConfig(stages.dev).WebACLId).toBeUndefined();
  });

  it('writes standard access logs', () => {
    expect(distributionConfig(stages.dev).Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('uploads the site kit build when there is one, and invalidates the distribution', () => {
    const uploads = (stage: SynthesizedStage) =>
      Object.values(stage.searchTemplate.findResources('Custom::CDKBucketDeployment'));

    expect(uploads(stages.dev)).toEqual([]); // no build: the bucket is left as it is
    const [upload] = uploads(stages.prod);
    expect(upload?.Properties).toMatchObject({
      Prune: true,
      DistributionPaths: ['/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=300' },
    });
    expect(flatten(upload?.Properties.DestinationBucketName)).toBe(
      `<${stages.prod.searchLogicalId(stages.prod.search.edge.assetsBucket)}>`,
    );
  });

  it('names its URL in the stack outputs', () => {
    const outputs = stages.dev.searchTemplate.toJSON().Outputs;

    expect(flatten(outputs.SiteUrl.Value)).toMatch(
      /^https:\/\/<EdgeDistribution[0-9A-F]+\.DomainName>\/$/,
    );
  });
});
