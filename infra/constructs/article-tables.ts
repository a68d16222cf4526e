import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledgeCheckov } from '../nag.js';

/**
 * The article table (source of truth; its stream feeds the indexer) and the related-lists cache
 * (precomputed recommendations that expire through TTL and can always be recomputed).
 */
export class ArticleTables extends Construct {
  readonly articles: Table;
  readonly related: Table;

  constructor(scope: Construct, id: string, { config }: { config: StageConfig }) {
    super(scope, id);
    this.articles = new Table(this, 'Articles', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Deletes carry their last version from OldImage; upserts need NewImage.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.related = new Table(this, 'Related', {
      partitionKey: { name: 'articleId', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      // A cache: losing it costs one refresh run, so it is never retained or backed up.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const cmkReason =
      'Encrypted at rest with the AWS-managed DynamoDB key (TableEncryption.AWS_MANAGED); the articles are published research summaries, and a customer key would add key management without a tenant to separate';
    acknowledgeCheckov(this.articles, { CKV_AWS_119: cmkReason });
    acknowledgeCheckov(this.related, {
      CKV_AWS_119: cmkReason,
      CKV_AWS_28:
        'Regenerable cache of related lists (TTL); the refresh job rebuilds it, so PITR buys nothing',
    });
    Validations.of(this.related).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Regenerable cache of related lists (TTL); the refresh job rebuilds it, so PITR buys nothing',
    });
  }
}
