import { strict as assert } from 'node:assert';
import { defaultConfig } from '../../../src/core/config';
import type { Dependency } from '../../../src/core/model';
import { runRules } from '../../../src/core/rules/engine';
import { rule as kmsKeySingleRegion } from '../../../src/core/rules/kms-key-single-region';
import { rule as route53NoFailover } from '../../../src/core/rules/route53-no-failover';
import { dep } from '../../support/deps';
import { relateResources } from '../../../src/core/resolve/links';

function findings(rule: typeof kmsKeySingleRegion, hand: Dependency[]) {
  // Resolution links references before rules run.
  const dependencies = structuredClone(hand);
  relateResources(dependencies);
  return runRules([rule], { dependencies, deployUnits: [], suppressions: [], problems: [], config: defaultConfig(), docsBaseUrl: 'docs/rules/' }).findings;
}

describe('facts a scanner states as empty are not "unknown"', () => {
  const key = dep({ id: 'key', kind: 'iac-resource', service: 'kms', file: 'template.yaml', line: 4, region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::KMS::Key', name: 'DataKey', attributes: { multiRegion: false } } });
  const table = (kmsKeys?: string[]) =>
    dep({ id: 'table', kind: 'iac-resource', service: 'dynamodb', file: 'template.yaml', line: 12, region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::GlobalTable', name: 'Orders', replicaRegions: ['us-west-2'], attributes: kmsKeys ? { kmsKeys } : {} } });

  it('kms-key-single-region: a replicated table that names no key (kmsKeys: []) does not use the stack\'s key', () => {
    assert.equal(findings(kmsKeySingleRegion, [key, table([])]).length, 0);
    assert.equal(findings(kmsKeySingleRegion, [key, table(['${DataKey}'])]).length, 1);
    // Nothing stated: the documented heuristic (a key in the same stack) still applies.
    assert.equal(findings(kmsKeySingleRegion, [key, table()]).length, 1);
  });

  it('route53-no-failover: an alias to CloudFront written as a reference is recognised by its hosted zone', () => {
    const record = (aliasHostedZoneId?: string) =>
      dep({ kind: 'iac-resource', service: 'route53', file: 'template.yaml', line: 30, region: 'us-east-1', regionSource: 'global-service', resource: { type: 'AWS::Route53::RecordSet', name: 'SiteRecord', attributes: { recordType: 'A', routingPolicy: 'simple', physicalNames: ['shop.example.com.'], aliasTarget: '${Cdn.DomainName}', ...(aliasHostedZoneId ? { aliasHostedZoneId } : {}) } } });
    assert.equal(findings(route53NoFailover, [record('Z2FDTNDATAQYW2')]).length, 0);
    assert.equal(findings(route53NoFailover, [record('Z2BJ6XQ5FK7U4H')]).length, 0);
    assert.equal(findings(route53NoFailover, [record('Z35SXDOTRQ7X7K')]).length, 1);
  });
});
