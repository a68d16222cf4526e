import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stageConfigFromContext } from '../../infra/config.js';

const configFor = (context: Record<string, unknown>) =>
  stageConfigFromContext(new App({ context }).node);

describe('stageConfigFromContext', () => {
  it('defaults to dev, whose data is disposable', () => {
    const config = configFor({});

    expect(config.stage).toBe('dev');
    expect(config.retainData).toBe(false);
    expect(config.resourcePrefix).toBe('type1cure-search-dev');
    expect(config.domainName).toBe('type1cure-search-dev');
  });

  it('sizes prod small by default: two nodes in two AZs, no dedicated masters, retained data', () => {
    const config = configFor({ stage: 'prod' });

    expect(config.retainData).toBe(true);
    expect(config.profile).toBe('small');
    expect(config.domain).toMatchObject({
      dataNodes: 2,
      dataNodeInstanceType: 'm7g.medium.search',
      masterNodes: 0,
      availabilityZones: 2,
    });
  });

  it('sizes prod large on request: three AZs, three dedicated masters', () => {
    const config = configFor({ stage: 'prod', profile: 'large' });

    expect(config.profile).toBe('large');
    expect(config.domain).toMatchObject({ dataNodes: 3, masterNodes: 3, availabilityZones: 3 });
  });

  it('rejects an unknown profile, and any profile for dev', () => {
    expect(() => configFor({ stage: 'prod', profile: 'huge' })).toThrow(
      /profile must be one of small, large/,
    );
    expect(() => configFor({ profile: 'large' })).toThrow(/applies to prod only/);
    expect(configFor({}).profile).toBe('single-node');
  });

  it('rejects an unknown stage', () => {
    expect(() => configFor({ stage: 'staging' })).toThrow(/stage must be one of dev, prod/);
  });

  it('takes CORS origins from a comma-separated -c value or a cdk.json list', () => {
    expect(configFor({ corsOrigins: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(configFor({ corsOrigins: ['https://c.example'] }).corsOrigins).toEqual([
      'https://c.example',
    ]);
  });

  it.each(['*', 'https://a.example/path', 'a.example'])('rejects the CORS origin %s', (origin) => {
    expect(() => configFor({ corsOrigins: origin })).toThrow(
      /corsOrigins must list explicit origins/,
    );
  });

  it('overrides the stream parallelization factor within Lambda limits', () => {
    expect(configFor({ parallelizationFactor: '4' }).streamIndexer.parallelizationFactor).toBe(4);
    expect(() => configFor({ parallelizationFactor: '11' })).toThrow(/integer 1-10/);
  });

  it('attaches only a CloudFront-scope web ACL, which AWS WAF keeps in us-east-1', () => {
    const acl = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/t1c-rate/0123abcd-45ef';

    expect(configFor({}).webAclArn).toBeUndefined();
    expect(configFor({ webAclArn: acl }).webAclArn).toBe(acl);
    for (const wrong of [
      acl.replace('us-east-1', 'eu-west-1'),
      acl.replace('global', 'regional'),
      'not-an-arn',
    ]) {
      expect(() => configFor({ webAclArn: wrong })).toThrow(
        /CloudFront-scope web ACL in us-east-1/,
      );
    }
  });

  it('subscribes an alarm e-mail only when one is given', () => {
    expect(configFor({}).alarmEmail).toBeUndefined();
    expect(configFor({ alarmEmail: 'ops@example.org' }).alarmEmail).toBe('ops@example.org');
  });
});
