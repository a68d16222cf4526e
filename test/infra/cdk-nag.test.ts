import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { checkWithCdkNag } from '../../infra/search-app.js';
import { synthStagesForFile } from './synth-stage.js';

type StageName = 'dev' | 'prod' | 'prodLarge';
// prod with a site-kit build, so the asset upload is checked too
const stages = synthStagesForFile({
  dev: {},
  prod: { siteAssets: { 'widget.js': '// widget' } },
  prodLarge: { stage: 'prod', context: { profile: 'large' } },
});

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
  onResource: boolean;
}

/** Every `Validations.of(x).acknowledge(...)` in the app, with where it was made. */
function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
          onResource: construct !== root && !Stack.isStack(construct),
        })),
      ),
  );
}

const ruleOf = (id: string) => id.replace(/\[.*$/, '');

describe.each<StageName>(['dev', 'prod', 'prodLarge'])('cdk-nag AwsSolutions, %s', (stageName) => {
  it('finds nothing that is not acknowledged', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(stages[stageName].app);
    const findings = violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} (${v.severity}) at ${r.constructPath}`),
    );

    expect(findings).toEqual([]);
  });

  it('acknowledges only on resources, one finding each, with a written reason', () => {
    const acknowledgements = acknowledgementsIn(stages[stageName].app);

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.onResource, `${ack.id} acknowledged on ${ack.path}`).toBe(true);
      expect(ack.reason.length, `reason for ${ack.id} on ${ack.path}`).toBeGreaterThan(40);
      // IAM5 is acknowledged per finding (one resource pattern), never for the whole rule.
      if (ruleOf(ack.id) === 'AwsSolutions-IAM5')
        expect(ack.id).toMatch(/^AwsSolutions-IAM5\[.+\]$/);
    }
  });
});

describe('acknowledged rules', () => {
  const rulesOf = (stageName: StageName) =>
    [...new Set(acknowledgementsIn(stages[stageName].app).map((a) => ruleOf(a.id)))].sort();

  it('are the documented design decisions; only the large prod profile needs no sizing exception', () => {
    const shared = [
      'AwsSolutions-APIG4', // public read routes
      'AwsSolutions-CFR1', // no geo restriction for a worldwide library
      'AwsSolutions-CFR2', // WAF only with -c webAclArn=…
      'AwsSolutions-CFR4', // default CloudFront certificate
      'AwsSolutions-S1', // assets and log buckets without their own access logs
      'AwsSolutions-DDB3', // related-lists cache without PITR
      'AwsSolutions-IAM5', // ListStreams "*", domain paths, CDK grants
      'AwsSolutions-OS1', // public endpoint, IAM + FGAC
      'AwsSolutions-OS3', // IAM principals instead of IP allow-lists
      'AwsSolutions-SQS3', // the dead-letter queues themselves
    ];

    expect(rulesOf('prodLarge')).toEqual([...shared].sort());
    // small profile: no dedicated masters; with a site build, the BucketDeployment runtime
    expect(rulesOf('prod')).toEqual([...shared, 'AwsSolutions-L1', 'AwsSolutions-OS4'].sort());
    expect(rulesOf('dev')).toEqual(
      [...shared, 'AwsSolutions-OS4', 'AwsSolutions-OS7'].sort(), // single node
    );
  });

  it('allow Resource "*" only on function roles, domain paths for the domain, handler versions for the provider', () => {
    const iam5 = acknowledgementsIn(stages.dev.app).filter(
      (a) => ruleOf(a.id) === 'AwsSolutions-IAM5',
    );

    expect(new Set(iam5.map((a) => a.id))).toEqual(
      new Set([
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:es:<AWS::Region>:<AWS::AccountId>:domain/type1cure-search-dev/*]',
        `AwsSolutions-IAM5[Resource::<${stages.dev.searchLogicalId(stages.dev.search.functions.provision)}.Arn>:*]`,
      ]),
    );
    for (const ack of iam5.filter((a) => a.id.endsWith('[Resource::*]'))) {
      expect(ack.path).toMatch(/^Type1CureSearch-dev\/\w+FunctionRole$/);
    }
  });
});

describe('cdk synth', () => {
  it('runs the AwsSolutions pack as a validation plugin and passes', () => {
    const { app } = stages.prod;
    checkWithCdkNag(app);

    expect(() => app.synth({ force: true })).not.toThrow();
  });
});
