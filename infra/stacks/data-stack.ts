import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Domain } from 'aws-cdk-lib/aws-opensearchservice';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { ArticleTables } from '../constructs/article-tables.js';
import { SearchDomain } from '../constructs/search-domain.js';

export interface DataStackProps extends StackProps {
  config: StageConfig;
}

/**
 * The stateful half: article table, related-lists cache and the OpenSearch domain. Kept apart
 * from the functions so code deployments never touch data, and retained in prod.
 */
export class DataStack extends Stack {
  readonly articlesTable: Table;
  readonly relatedTable: Table;
  readonly domain: Domain;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const tables = new ArticleTables(this, 'Tables', { config: props.config });
    const search = new SearchDomain(this, 'Search', { config: props.config });
    this.articlesTable = tables.articles;
    this.relatedTable = tables.related;
    this.domain = search.domain;

    new CfnOutput(this, 'ArticlesTableName', { value: tables.articles.tableName });
    new CfnOutput(this, 'RelatedTableName', { value: tables.related.tableName });
    new CfnOutput(this, 'DomainName', { value: search.domain.domainName });
    new CfnOutput(this, 'DomainEndpoint', { value: `https://${search.domain.domainEndpoint}` });
    new CfnOutput(this, 'OpenSearchAdminRoleArn', { value: search.adminRole.roleArn });
  }
}
