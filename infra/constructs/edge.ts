import { existsSync } from 'node:fs';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  type IOrigin,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { apiRoutes } from '../../shared/api-routes.js';
import type { StageConfig } from '../config.js';
import { acknowledgeCheckov, acknowledgeWildcardResource } from '../nag.js';

export interface EdgeProps {
  config: StageConfig;
  api: HttpApi;
  /**
   * The site kit's build output (`dist/web`: widget scripts, demo), served from the bucket at the
   * distribution's root. Uploaded on deploy when the directory exists; otherwise the bucket stays
   * as it is (empty on a first deploy) and the API works all the same.
   */
  siteAssetsDir: string;
  /** ARN of a CloudFront-scope AWS WAF web ACL (created in us-east-1) to attach, if any. */
  webAclArn?: string;
}

/** `/articles/{id}/related` → `/articles/*\/related`: CloudFront path patterns take `*` only. */
const pathPattern = (path: string) => path.replace(/\{[^}]+\}/g, '*');

/**
 * A CloudFront distribution in front of everything the site uses, on one origin:
 * - the public GET routes, cached at the edge by path, query string and `Origin` (CORS answers
 *   differ per origin) for as long as each response's `Cache-Control` says — nothing is cached
 *   that does not say so (default and minimum TTL 0);
 * - the admin routes, never cached (they answer `no-store`), with every viewer header but `Host`
 *   and the `Authorization` header (which CloudFront forwards only when it is in the cache key);
 * - everything else from a private S3 bucket through origin access control: the site kit's
 *   widget scripts and demo.
 */
export class Edge extends Construct {
  readonly distribution: Distribution;
  readonly assetsBucket: Bucket;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const { config, api } = props;
    const stack = Stack.of(this);
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.assetsBucket = new Bucket(this, 'SiteAssets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY, // rebuilt from the site kit build on every deploy
    });
    // CloudFront standard logs are written with ACLs, so this bucket keeps them enabled.
    const logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy,
    });

    const apiOrigin: IOrigin = new HttpOrigin(
      `${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`,
      { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY },
    );
    const publicCache = new CachePolicy(this, 'PublicApiCache', {
      comment: `${config.resourcePrefix}: public API by query string and Origin, per Cache-Control`,
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Origin'),
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Authorization reaches the origin only as part of the cache key; admin responses say
    // `no-store`, so nothing is ever cached under it.
    const adminPassThrough = new CachePolicy(this, 'AdminPassThrough', {
      comment: `${config.resourcePrefix}: admin API, never cached, Authorization forwarded`,
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
    });
    const publicBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy: publicCache,
      // Origin and the preflight headers; query strings travel as part of the cache key.
      originRequestPolicy: OriginRequestPolicy.CORS_CUSTOM_ORIGIN,
      compress: true,
    };
    const adminBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: adminPassThrough,
      // API Gateway routes by its own host name, so the viewer's Host must not reach it.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    // Most specific first: CloudFront takes the first pattern that matches.
    const publicPaths = apiRoutes.filter((r) => r.access === 'public').map((r) => r.path);
    const adminPaths = [
      ...new Set(apiRoutes.filter((r) => r.access === 'admin').map((r) => r.path)),
    ];
    const additionalBehaviors = Object.fromEntries([
      ...publicPaths.map((path) => [pathPattern(path), publicBehavior]),
      ...adminPaths.map((path) => [pathPattern(path), adminBehavior]),
    ]);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${config.resourcePrefix}: site API and widget assets`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.assetsBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
    });

    if (existsSync(props.siteAssetsDir)) this.deployAssets(config, props.siteAssetsDir);
    acknowledgeCheckov(this.assetsBucket, {
      CKV_AWS_18: 'Read only through CloudFront, whose access logs are kept in the log bucket',
      CKV_AWS_21: 'A build output, replaced from the site kit build on every deploy',
    });
    acknowledgeCheckov(logBucket, {
      CKV_AWS_18: 'This is the access-log bucket itself',
      CKV_AWS_21: 'Logs expire by lifecycle rule; versions would keep expired logs',
    });
    acknowledgeCheckov(this.distribution, {
      CKV_AWS_68:
        'AWS WAF is optional per deployment (-c webAclArn); the API behind it is throttled per stage',
      CKV_AWS_174:
        "The distribution uses CloudFront's default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; choosing TLSv1.2_2021 needs a custom domain and certificate",
    });

    this.acknowledgeFindings(config, props.webAclArn !== undefined, logBucket);
  }

  /**
   * Uploads the site kit's build with CDK's BucketDeployment (a deploy-time Lambda that copies
   * the asset into the bucket, prunes old files and invalidates the distribution). Its role is
   * our own, so it carries no managed policy; the S3 grants are CDK's, acknowledged one by one.
   */
  private deployAssets(config: StageConfig, dir: string): void {
    const role = new Role(this, 'AssetsDeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Uploads the site kit to the ${config.resourcePrefix} assets bucket`,
    });
    const logGroup = new LogGroup(this, 'AssetsDeploymentLogs', {
      retention: config.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);
    new BucketDeployment(this, 'SiteAssetsDeployment', {
      sources: [Source.asset(dir)],
      destinationBucket: this.assetsBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // widget scripts keep their names across releases: short browser caching, invalidated
      // on deploy
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
      prune: true,
      retainOnDelete: false,
      memoryLimit: 256,
      role,
      logGroup,
    });
    // CDK's grants for copying the asset: prefix wildcards on the two buckets' actions, objects
    // of the assets bucket and the bootstrap asset bucket, and CloudFront invalidation ("*").
    const reason =
      'CDK BucketDeployment grants (read the staged asset, sync and prune the assets bucket, invalidate the distribution); deploy-time only';
    for (const action of ['GetBucket*', 'GetObject*', 'List*', 'Abort*', 'DeleteObject*']) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Action::s3:${action}]`, reason });
    }
    const stack = Stack.of(this);
    acknowledgeWildcardResource(role, `${this.assetsBucket.bucketArn}/*`, reason);
    const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    acknowledgeWildcardResource(
      role,
      `arn:${stack.partition}:s3:::cdk-${qualifier}-assets-${stack.account}-${stack.region}/*`,
      reason,
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${reason}; CDK grants cloudfront:CreateInvalidation/GetInvalidation on "*"`,
    });
    // The handler is a stack-level singleton whose runtime aws-cdk-lib picks.
    const handler = stack.node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The runtime of the CDK BucketDeployment handler (Python with the AWS CLI layer) is chosen by aws-cdk-lib; it runs only during deploys',
      });
    }
  }

  /** The distribution's HTTPS base URL. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  private acknowledgeFindings(config: StageConfig, hasWebAcl: boolean, logBucket: Bucket): void {
    const acknowledge = (scope: Construct, rule: string, reason: string) =>
      Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
    acknowledge(
      this.distribution,
      'CFR1',
      'A public health-research library for readers worldwide: no country is excluded',
    );
    if (!hasWebAcl) {
      acknowledge(
        this.distribution,
        'CFR2',
        `Stage ${config.stage} runs without AWS WAF (attach one with -c webAclArn=…); API Gateway throttles per route and reserved concurrency caps the functions`,
      );
    }
    acknowledge(
      this.distribution,
      'CFR4',
      'The default *.cloudfront.net certificate fixes the viewer TLS policy; a custom domain with an ACM certificate (TLSv1.2_2021) is the way to raise it',
    );
    acknowledge(
      this.assetsBucket,
      'S1',
      'Build output served only through CloudFront, whose standard logs record every request',
    );
    acknowledge(logBucket, 'S1', 'This is the access-log bucket itself; logging it would recurse');
  }
}
