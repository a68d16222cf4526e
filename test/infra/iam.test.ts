import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { type FunctionName, functionNames } from '../../infra/bundling.js';
import { flatten } from './cfn-values.js';
import { synthStagesForFile } from './synth-stage.js';

const stages = synthStagesForFile({ dev: {} });

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every Allow statement attached to a role, inline or through AWS::IAM::Policy resources. */
function statementsOfRole(template: Template, roleId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    asList(p.Properties.Roles).some((r: { Ref?: string }) => r.Ref === roleId),
  );
  return policies
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((s) => s.Effect === 'Allow');
}

/** Names a policy resource by what it is, so expectations read like an access table. */
function labelOf(resource: unknown, name: FunctionName, logGroupId: string): string {
  const arn = flatten(resource);
  const rules: [RegExp, string][] = [
    [/^\*$/, '*'],
    [new RegExp(`^<${logGroupId}\\.Arn>$`), 'own log group'],
    [/^<output:.*TablesArticles.*StreamArn.*>$/, 'articles stream'],
    [/^<output:.*TablesArticles.*Arn.*>$/, 'articles table'],
    [/^<output:.*TablesRelated.*Arn.*>$/, 'related table'],
    [/:es:<AWS::Region>:<AWS::AccountId>:domain\/type1cure-search-dev\/\*$/, 'domain paths'],
    [/:es:<AWS::Region>:<AWS::AccountId>:domain\/type1cure-search-dev$/, 'domain'],
    [
      new RegExp(`:lambda:<AWS::Region>:<AWS::AccountId>:function:type1cure-search-dev-${name}$`),
      'itself',
    ],
    [
      /:iam::<AWS::AccountId>:role\/type1cure-search-dev-opensearch-admin$/,
      'opensearch master user',
    ],
    [/^<ReindexFunction[0-9A-F]+\.Arn>$/, 'reindex function'],
    [/^<StreamIndexerDeadLetterQueue[0-9A-F]+\.Arn>$/, 'dead-letter queue'],
    [/^<StreamIndexerStreamFailureQueue[0-9A-F]+\.Arn>$/, 'failure queue'],
  ];
  return rules.find(([pattern]) => pattern.test(arn))?.[1] ?? arn;
}

/** The access a function's role grants, as { resource label: sorted actions }. */
function accessOf(name: FunctionName): Record<string, string[]> {
  const fn = stages.dev.search.functions[name];
  const roleId = stages.dev.searchLogicalId(fn.executionRole);
  const logGroupId = stages.dev.searchResource(fn).Properties.LoggingConfig.LogGroup.Ref;
  const access: Record<string, Set<string>> = {};
  for (const statement of statementsOfRole(stages.dev.searchTemplate, roleId)) {
    for (const resource of asList(statement.Resource)) {
      const label = labelOf(resource, name, logGroupId);
      access[label] ??= new Set();
      for (const action of asList(statement.Action)) access[label].add(action);
    }
  }
  return Object.fromEntries(Object.entries(access).map(([k, v]) => [k, [...v].sort()]));
}

const logs = { 'own log group': ['logs:CreateLogStream', 'logs:PutLogEvents'] };
const domainRead = { 'domain paths': ['es:ESHttpGet', 'es:ESHttpPost'] };
const ddb = (...actions: string[]) => actions.map((a) => `dynamodb:${a}`).sort();

/** The whole access table: anything granted beyond this, or missing from it, fails. */
const expectedAccess: Record<FunctionName, Record<string, string[]>> = {
  articles: { ...logs, 'articles table': ddb('GetItem', 'PutItem') },
  search: { ...logs, ...domainRead },
  suggest: { ...logs, ...domainRead },
  related: {
    ...logs,
    ...domainRead,
    'related table': ddb('GetItem', 'PutItem'),
    'articles table': ddb('BatchGetItem', 'GetItem'),
  },
  openapi: { ...logs },
  'index-stream': {
    ...logs,
    // ListStreams has no resource-level permissions; the stream itself is named below.
    '*': ['dynamodb:ListStreams'],
    'articles stream': ddb('DescribeStream', 'GetRecords', 'GetShardIterator'),
    'domain paths': ['es:ESHttpGet', 'es:ESHttpPost'],
    'related table': ddb('DeleteItem', 'UpdateItem'),
    'dead-letter queue': ['sqs:SendMessage'],
    'failure queue': ['sqs:SendMessage'],
  },
  reindex: {
    ...logs,
    'articles table': ddb('BatchGetItem', 'DescribeTable', 'Scan'),
    'domain paths': [
      'es:ESHttpDelete',
      'es:ESHttpGet',
      'es:ESHttpHead',
      'es:ESHttpPost',
      'es:ESHttpPut',
    ],
    domain: ['es:DescribeDomain'],
    itself: ['lambda:InvokeFunction'],
  },
  'refresh-related': {
    ...logs,
    ...domainRead,
    'related table': ddb('BatchGetItem', 'DeleteItem', 'PutItem', 'UpdateItem'),
    itself: ['lambda:InvokeFunction'],
  },
  // Signs as the fine-grained access control master user; starts the reindex after a mapping change.
  provision: {
    ...logs,
    'opensearch master user': ['sts:AssumeRole'],
    'reindex function': ['lambda:InvokeFunction'],
  },
};

describe('least privilege per function', () => {
  it.each(functionNames)('%s is granted exactly its access table', (name) => {
    expect(accessOf(name)).toEqual(expectedAccess[name]);
  });
});

describe('every IAM policy in the app', () => {
  const allStatements = () =>
    [stages.dev.dataTemplate, stages.dev.searchTemplate].flatMap((template) =>
      Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
        (p) => p.Properties.PolicyDocument.Statement as Statement[],
      ),
    );

  it('names every action (no wildcards)', () => {
    const wildcards = allStatements()
      .flatMap((s) => asList(s.Action))
      .filter((action) => action.includes('*'));

    expect(wildcards).toEqual([]);
  });

  it('uses Resource "*" only for actions that support no resource-level permissions', () => {
    const unscoped = new Set(
      allStatements()
        .filter((s) => asList(s.Resource).includes('*'))
        .flatMap((s) => asList(s.Action)),
    );

    expect([...unscoped].sort()).toEqual(['dynamodb:ListStreams']);
  });
});

describe('resource-based permissions', () => {
  it('lets API Gateway and EventBridge invoke functions only from this API and these rules', () => {
    const permissions = Object.values(
      stages.dev.searchTemplate.findResources('AWS::Lambda::Permission'),
    );
    const sources = permissions.map((p) => ({
      principal: p.Properties.Principal,
      source: flatten(p.Properties.SourceArn),
    }));

    expect(sources.length).toBeGreaterThan(0);
    for (const { principal, source } of sources) {
      if (principal === 'apigateway.amazonaws.com') {
        expect(source).toMatch(
          /:execute-api:<AWS::Region>:<AWS::AccountId>:<ApiHttpApi[0-9A-F]+>\//,
        );
      } else {
        expect(principal).toBe('events.amazonaws.com');
        expect(source).toMatch(/^<(ReindexJob|RefreshRelatedJob)\w+\.Arn>$/);
      }
    }
  });

  it('denies non-TLS access to the queues', () => {
    const queuePolicies = Object.values(
      stages.dev.searchTemplate.findResources('AWS::SQS::QueuePolicy'),
    );

    expect(queuePolicies).toHaveLength(2);
    for (const policy of queuePolicies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]);
    }
  });
});
