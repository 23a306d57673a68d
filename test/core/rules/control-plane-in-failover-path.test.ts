import { strict as assert } from 'node:assert';
import { failoverEvidence } from '../../../src/core/rules/predicates';
import { rule } from '../../../src/core/rules/control-plane-in-failover-path';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('control-plane-in-failover-path', () => {
  describe('over hand-built dependencies', () => {
    const call = (service: string, operation: string, file: string, container?: string, line = 10) =>
      dep({ kind: 'sdk-call', service, operation, file, container, line, column: 9, region: 'us-east-1', regionSource: 'global-service', global: true });

    it('reports control-plane changes in code named for failover, by function or by path', () => {
      const findings = runRulesOn(rule, [
        call('route53', 'ChangeResourceRecordSets', 'src/dns.ts', 'failoverToWest'),
        call('iam', 'attach_role_policy', 'ops/dr/grant.py', 'grant', 20),
        call('cloudfront', 'UpdateDistribution', 'src/cdn.ts', 'switchOverOrigin', 30),
        call('globalaccelerator', 'UpdateEndpointGroup', 'src/recovery/dial.ts', undefined, 40),
        call('route53', 'ChangeResourceRecordSets', 'scripts/disaster-recovery.js', 'main', 50),
      ]);
      assert.deepEqual(located(findings), ['ops/dr/grant.py:20:9 high', 'scripts/disaster-recovery.js:50:9 high', 'src/cdn.ts:30:9 high', 'src/dns.ts:10:9 high', 'src/recovery/dial.ts:40:9 high']);
      assert.match(findings[0].message, /^iam AttachRolePolicy in what looks like failover code \(path "ops\/dr\/grant\.py" mentions DR\)/);
      assert.match(findings[3].message, /^route53 ChangeResourceRecordSets in what looks like failover code \(function failoverToWest mentions failover\): it needs the route53 control plane in us-east-1/);
    });

    it('ignores reads, data-plane calls, and control-plane changes outside failover code', () => {
      const findings = runRulesOn(rule, [
        call('route53', 'ListHostedZones', 'src/failover.ts', 'failover'),
        call('route53', 'ChangeResourceRecordSets', 'src/dns/records.ts', 'publishRecord'),
        call('route53-recovery-cluster', 'UpdateRoutingControlState', 'src/failover.ts', 'failover'),
        call('dynamodb', 'UpdateItem', 'src/failover.ts', 'failover'),
        call('iam', 'CreateRole', 'src/address/drain.ts', 'drainAddresses'),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('the failover heuristic', () => {
    const evidence = (file: string, container?: string) => failoverEvidence(dep({ kind: 'sdk-call', service: 'route53', file, line: 1, container }));
    it('finds failover words in function names and paths, and DR only as a whole word', () => {
      assert.equal(evidence('src/a.ts', 'failOverToSecondary'), 'function failOverToSecondary mentions failover');
      assert.equal(evidence('src/a.ts', 'fail_back'), 'function fail_back mentions failback');
      assert.equal(evidence('src/a.ts', 'runDRDrill'), 'function runDRDrill mentions DR');
      assert.equal(evidence('src/a.ts', 'recoverRegion'), 'function recoverRegion mentions recover');
      assert.equal(evidence('runbooks/disaster.ts'), 'path "runbooks/disaster.ts" mentions disaster');
      assert.equal(evidence('src/address.ts', 'drainQueue'), undefined);
      assert.equal(evidence('src/handlers/orders.ts', 'handler'), undefined);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports a boto3 record change in a function named fail_over', async () => {
      const map = await analyseFiles({
        'ops/switch.py': 'import boto3\n\nroute53 = boto3.client("route53")\n\n\ndef fail_over(zone_id):\n    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": []})\n\n\ndef publish(zone_id):\n    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": []})\n',
      });
      assert.deepEqual(locations(findingsOf(map, 'control-plane-in-failover-path')), ['ops/switch.py:7:5']);
    });

    it('reports the record change in the failover function, not the read nor the same change elsewhere', async () => {
      const map = await analyseFiles({
        'src/dr/failover.ts': [
          'import { Route53Client, ChangeResourceRecordSetsCommand, ListHostedZonesCommand } from "@aws-sdk/client-route-53";',
          '',
          'const route53 = new Route53Client({});',
          '',
          'export async function failoverToWest(zoneId: string) {',
          '  await route53.send(new ListHostedZonesCommand({}));',
          '  await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [] } }));',
          '}',
          '',
        ].join('\n'),
        'src/dns.ts': [
          'import { Route53Client, ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";',
          '',
          'const route53 = new Route53Client({});',
          '',
          'export const publishRecord = (zoneId: string) =>',
          '  route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [] } }));',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'control-plane-in-failover-path');
      assert.deepEqual(locations(findings), ['src/dr/failover.ts:7:9']);
      assert.equal(findings[0].severity, 'high');
    });
  });
});
